extension CNEConfig {
    /// An entry of the `umems` section: packet buffer memory shared by lports, split in regions.
    ///
    /// Units: `bufcnt`, `bufsz`, `rxdesc`, `txdesc` and each `regions` entry are in units of
    /// 1024 in the document; the properties hold the multiplied-out counts and bytes.
    ///
    /// Decisions against jcfg's bugs:
    /// - Missing values come from ``Defaults`` wherever that section is; a buffer count and
    ///   size must come from one or the other (jcfg silently uses 0).
    /// - `rxdesc`/`txdesc` of 0 or absent mean "use the default" as the documentation says,
    ///   and if that is absent too, the xskdev default of 2048 (jcfg lets the umem's 0 win).
    /// - A missing `regions` means one region of all buffers (jcfg dereferences NULL).
    /// - Region sizes must sum to at most the buffer count, as the documentation says; cndpfwd
    ///   additionally wants them equal, which is the application's business. A region of 0
    ///   buffers, or more than 128 regions, is an error.
    /// - Ring sizes must be powers of two and buffer sizes multiples of 64 (a cache line), which
    ///   AF_XDP and the mempool need; jcfg leaves that to fail at run time.
    /// - An unknown `mtype` is an error (jcfg silently uses the default).
    public struct UMem: Sendable, Equatable {
        /// The umem's name, which lports refer to.
        public var name: String
        /// Buffers in the umem.
        public var bufferCount: Int
        /// Bytes per buffer.
        public var bufferSize: Int
        /// RX ring entries; 0 means the xskdev default, 2048.
        public var rxDescriptors: Int
        /// TX ring entries; 0 means the xskdev default, 2048.
        public var txDescriptors: Int
        /// The page type of the umem's memory.
        public var memoryType: MemoryType
        /// Buffers per region, in order; an lport's `region` indexes this.
        public var regions: [Int]
        /// Whether lports share this umem through `xsk_socket__create_shared()`.
        public var sharedUMem: Bool
        /// Free text (`description` or `desc`).
        public var description: String?

        /// Makes a umem; without `regions` it has one region of all its buffers.
        public init(
            name: String, bufferCount: Int, bufferSize: Int, rxDescriptors: Int = 0, txDescriptors: Int = 0,
            memoryType: MemoryType = .systemDefault, regions: [Int]? = nil, sharedUMem: Bool = false, description: String? = nil
        ) {
            self.name = name
            self.bufferCount = bufferCount
            self.bufferSize = bufferSize
            self.rxDescriptors = rxDescriptors
            self.txDescriptors = txDescriptors
            self.memoryType = memoryType
            self.regions = regions ?? [bufferCount]
            self.sharedUMem = sharedUMem
            self.description = description
        }

        /// The most regions a umem may have (jcfg's `UMEM_MAX_REGIONS`).
        public static let maxRegions = 128

        static func decode(
            _ member: JSONCMember, at path: ConfigKeyPath, defaults: Defaults, warnings: inout [ConfigWarning]
        ) throws(CNEError) -> UMem {
            var reader = try ConfigObjectReader(member.value, at: path)
            let bufferCount = try reader.kibiCount("bufcnt") ?? defaults.bufferCount
            let bufferSize = try reader.kibiCount("bufsz") ?? defaults.bufferSize
            let rx = try reader.kibiCount("rxdesc")
            let tx = try reader.kibiCount("txdesc")
            var memoryType = defaults.memoryType ?? .systemDefault
            if let text = try reader.string("mtype") {
                memoryType = try MemoryType.decode(text, at: reader.members.first { $0.key == "mtype" }?.value.location, keyPath: path.appending("mtype"))
            }
            var regions: [Int]?
            if let regionsMember = try reader.member("regions") {
                guard case .array(let elements) = regionsMember.value.value else {
                    throw reader.mismatch(regionsMember, expected: "an array of region sizes")
                }
                let regionsPath = path.appending("regions")
                guard elements.count <= maxRegions else {
                    throw .config(.outOfRange, "expected at most \(maxRegions) regions, found \(elements.count)", at: regionsMember.value.location, keyPath: regionsPath)
                }
                var sizes: [Int] = []
                for (index, element) in elements.enumerated() {
                    sizes.append(try ConfigObjectReader.integer(element, in: 0...Int(UInt32.max / 1024), unit: "units of 1024", at: regionsPath.appending(index: index)) * 1024)
                }
                regions = sizes
            }
            let sharedUMem = try reader.bool("shared_umem") ?? false
            let description = try reader.string("description", aliases: ["desc"])
            try reader.finish(warnings: &warnings)

            guard let bufferCount else {
                throw .config(.missingKey, "expected \"bufcnt\" here or in \"defaults\" (buffers, in units of 1024)", at: member.value.location, keyPath: path.appending("bufcnt"))
            }
            guard let bufferSize else {
                throw .config(.missingKey, "expected \"bufsz\" here or in \"defaults\" (bytes per buffer, in units of 1024)", at: member.value.location, keyPath: path.appending("bufsz"))
            }
            // 0 means "not given" for rings, as documented.
            let rxDescriptors = (rx ?? 0) != 0 ? rx! : (defaults.rxDescriptors ?? 0)
            let txDescriptors = (tx ?? 0) != 0 ? tx! : (defaults.txDescriptors ?? 0)
            return UMem(
                name: member.key, bufferCount: bufferCount, bufferSize: bufferSize, rxDescriptors: rxDescriptors,
                txDescriptors: txDescriptors, memoryType: memoryType, regions: regions, sharedUMem: sharedUMem,
                description: description)
        }
    }
}
