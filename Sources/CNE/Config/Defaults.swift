extension CNEConfig {
    /// The `defaults` section: values each umem takes when it gives none of its own.
    ///
    /// Decisions against jcfg's bugs:
    /// - `bufcnt`, `bufsz`, `rxdesc` and `txdesc` are in units of 1024 here too, as the
    ///   documentation says (jcfg forgets the factor, so `"rxdesc": 2` gives it a 2-entry ring).
    ///   The properties hold the multiplied-out values.
    /// - The section applies wherever it appears (jcfg reads it while creating each umem, so it
    ///   only works before `umems`). Decoding applies it to ``UMem`` values, which then hold the result.
    /// - A float, null or string value is an error; unknown keys are ignored with a warning.
    public struct Defaults: Sendable, Equatable {
        /// Buffers per umem (document: `bufcnt` × 1024).
        public var bufferCount: Int?
        /// Bytes per buffer (document: `bufsz` × 1024).
        public var bufferSize: Int?
        /// RX ring entries (document: `rxdesc` × 1024); 0 or nil means the xskdev default, 2048.
        public var rxDescriptors: Int?
        /// TX ring entries (document: `txdesc` × 1024); 0 or nil means the xskdev default, 2048.
        public var txDescriptors: Int?
        /// The page type of umem memory.
        public var memoryType: MemoryType?
        /// Entries in each mempool's per-thread cache (document: `cache`, not scaled); cndpfwd's default is 256.
        public var cacheSize: Int?

        /// Makes a defaults section; every value is optional.
        public init(
            bufferCount: Int? = nil, bufferSize: Int? = nil, rxDescriptors: Int? = nil,
            txDescriptors: Int? = nil, memoryType: MemoryType? = nil, cacheSize: Int? = nil
        ) {
            self.bufferCount = bufferCount
            self.bufferSize = bufferSize
            self.rxDescriptors = rxDescriptors
            self.txDescriptors = txDescriptors
            self.memoryType = memoryType
            self.cacheSize = cacheSize
        }

        /// The mempool cache size to use: ``cacheSize`` or cndpfwd's 256.
        public var effectiveCacheSize: Int { cacheSize ?? 256 }

        static func decode(_ node: JSONCNode, at path: ConfigKeyPath, warnings: inout [ConfigWarning]) throws(CNEError) -> Defaults {
            var reader = try ConfigObjectReader(node, at: path)
            var defaults = Defaults()
            defaults.bufferCount = try reader.kibiCount("bufcnt")
            defaults.bufferSize = try reader.kibiCount("bufsz")
            defaults.rxDescriptors = try reader.kibiCount("rxdesc")
            defaults.txDescriptors = try reader.kibiCount("txdesc")
            defaults.cacheSize = try reader.integer("cache", in: 0...Int(UInt32.max))
            if let member = try reader.member("mtype") {
                guard case .string(let text) = member.value.value else { throw reader.mismatch(member, expected: "a string") }
                defaults.memoryType = try MemoryType.decode(text, at: member.value.location, keyPath: path.appending("mtype"))
            }
            try reader.finish(warnings: &warnings)
            return defaults
        }
    }
}
