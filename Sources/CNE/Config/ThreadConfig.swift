extension CNEConfig {
    /// An entry of the `threads` section: a thread to start, its CPUs and its lports.
    ///
    /// The key is `"<type>[:<id>]"`; cndpfwd knows the types `main` and `fwd`, other
    /// applications their own, so the type is not checked here.
    ///
    /// Decisions against jcfg's bugs:
    /// - `desc` is read, as documented (jcfg reads only `description`); giving both is an error.
    /// - Keys match exactly; one that differs only in letter case (which jcfg accepts) is an error.
    /// - `lports` must hold strings naming lports (jcfg turns `42` into `"42"`), and no lport
    ///   may belong to two threads, as the documentation requires.
    /// - Without `group` the thread uses the group `"default"`, which must then exist (as in jcfg).
    public struct Thread: Sendable, Equatable {
        /// The thread's name, `"<type>[:<id>]"`.
        public var name: String
        /// The lcore group it runs on.
        public var group: String
        /// The names of the lports it serves.
        public var lports: [String]
        /// Milliseconds without packets before the thread counts as idle; 0 disables.
        public var idleTimeout: UInt32
        /// Milliseconds to wait for an interrupt when idle.
        public var intrTimeout: UInt32
        /// Free text (`description` or `desc`).
        public var description: String?

        /// Makes a thread.
        public init(
            name: String, group: String = "default", lports: [String] = [], idleTimeout: UInt32 = 0,
            intrTimeout: UInt32 = 0, description: String? = nil
        ) {
            self.name = name
            self.group = group
            self.lports = lports
            self.idleTimeout = idleTimeout
            self.intrTimeout = intrTimeout
            self.description = description
        }

        /// The thread type: the name up to its first `:`.
        public var type: String { String(name.prefix { $0 != ":" }) }

        static func decode(_ member: JSONCMember, at path: ConfigKeyPath, warnings: inout [ConfigWarning]) throws(CNEError) -> Thread {
            var reader = try ConfigObjectReader(member.value, at: path)
            let group = try reader.string("group") ?? "default"
            let lports = try reader.strings("lports")?.map(\.0) ?? []
            let idle = try reader.integer("idle_timeout", in: 0...Int(UInt32.max), unit: "milliseconds") ?? 0
            let intr = try reader.integer("intr_timeout", in: 0...Int(UInt32.max), unit: "milliseconds") ?? 0
            let description = try reader.string("description", aliases: ["desc"])
            try reader.finish(warnings: &warnings)
            return Thread(
                name: member.key, group: group, lports: lports, idleTimeout: UInt32(idle), intrTimeout: UInt32(intr),
                description: description)
        }
    }
}
