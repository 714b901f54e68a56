extension CNEConfig {
    /// An entry of the `lports` section: one AF_XDP socket on one netdev queue. Its position in
    /// the section is its lport index.
    ///
    /// The key is `"<netdev>[:<suffix>]"`; the netdev is the part before the first `:`.
    ///
    /// Decisions against jcfg's bugs:
    /// - Keys match exactly. jcfg matches any prefix (`"q"` reads as `qid`, `""` as `pmd`);
    ///   such a key, or one in another letter case, is an ``CNEError/ConfigProblem/unknownKey`` error.
    ///   Other unknown keys are ignored with a warning, as jcfg warns.
    /// - `pmd`, `umem` and `qid` are required, as documented (jcfg crashes without `umem` and
    ///   silently uses queue 0 without `qid`).
    /// - `busy_poll` and `busy_polling` are one setting, as are `desc` and `description`:
    ///   giving both is an error.
    /// - Integers must be JSON integers in range (jcfg turns `"42"` into 42 and truncates floats).
    public struct LPort: Sendable, Equatable {
        /// The lport's name, `"<netdev>[:<suffix>]"`, which threads refer to.
        public var name: String
        /// The PMD (driver) name, e.g. `net_af_xdp`: the part of `pmd` before the first `:`.
        public var pmd: String
        /// The PMD's options: the part of `pmd` after the first `:`, if any.
        public var pmdOptions: String?
        /// The netdev queue the socket binds to.
        public var qid: UInt16
        /// The name of the umem its buffers come from.
        public var umem: String
        /// The index of its region in the umem.
        public var region: Int
        /// Whether busy polling is enabled (`busy_poll` or `busy_polling`).
        public var busyPoll: Bool
        /// Busy-poll timeout in milliseconds; 0 means the default.
        public var busyTimeout: UInt16
        /// Busy-poll budget; 0 means the default, 0xFFFF disables it.
        public var busyBudget: UInt16
        /// Whether TX always kicks the kernel (needed by some NICs).
        public var forceWakeup: Bool
        /// Whether the socket uses XDP_FLAGS_SKB_MODE (copy mode).
        public var skbMode: Bool
        /// Whether the umem uses unaligned buffers.
        public var unalignedBuffers: Bool
        /// A pinned XSK map to use instead of loading a program; makes the lport unprivileged.
        public var xskPinPath: String?
        /// A Unix socket to receive the XSK map from; makes the lport unprivileged.
        public var udsPath: String?
        /// Free text (`description` or `desc`).
        public var description: String?

        /// Makes an lport.
        public init(
            name: String, pmd: String = "net_af_xdp", pmdOptions: String? = nil, qid: UInt16, umem: String, region: Int = 0,
            busyPoll: Bool = false, busyTimeout: UInt16 = 0, busyBudget: UInt16 = 0, forceWakeup: Bool = false,
            skbMode: Bool = false, unalignedBuffers: Bool = false, xskPinPath: String? = nil, udsPath: String? = nil,
            description: String? = nil
        ) {
            self.name = name
            self.pmd = pmd
            self.pmdOptions = pmdOptions
            self.qid = qid
            self.umem = umem
            self.region = region
            self.busyPoll = busyPoll
            self.busyTimeout = busyTimeout
            self.busyBudget = busyBudget
            self.forceWakeup = forceWakeup
            self.skbMode = skbMode
            self.unalignedBuffers = unalignedBuffers
            self.xskPinPath = xskPinPath
            self.udsPath = udsPath
            self.description = description
        }

        /// The netdev: the name up to its first `:`.
        public var netdev: String { String(name.prefix { $0 != ":" }) }

        /// Whether the lport runs without privileges, getting its XSK map from a pin or a Unix socket
        /// (jcfg's `LPORT_UNPRIVILEGED`).
        public var isUnprivileged: Bool { xskPinPath != nil || udsPath != nil }

        /// The drivers (`pmd` values) CNE can open: AF_XDP, AF_PACKET and the null driver.
        public static let knownDrivers = ["net_af_xdp", "net_af_packet", "net_null"]

        /// A netdev name's limit: `IFNAMSIZ` less the NUL.
        public static let maxNetdevLength = 15

        static func decode(_ member: JSONCMember, at path: ConfigKeyPath, warnings: inout [ConfigWarning]) throws(CNEError) -> LPort {
            var reader = try ConfigObjectReader(member.value, at: path)
            let pmdText = try reader.string("pmd")
            let umem = try reader.string("umem")
            let qid = try reader.integer("qid", in: 0...Int(UInt16.max))
            let region = try reader.integer("region", in: 0...(UMem.maxRegions - 1)) ?? 0
            let busyPoll = try reader.bool("busy_poll", aliases: ["busy_polling"]) ?? false
            let busyTimeout = try reader.integer("busy_timeout", in: 0...Int(UInt16.max)) ?? 0
            let busyBudget = try reader.integer("busy_budget", in: 0...Int(UInt16.max)) ?? 0
            let forceWakeup = try reader.bool("force_wakeup") ?? false
            let skbMode = try reader.bool("skb_mode") ?? false
            let unalignedBuffers = try reader.bool("unaligned_buffers") ?? false
            let xskPinPath = try reader.string("xsk_pin_path")
            let udsPath = try reader.string("uds_path")
            let description = try reader.string("description", aliases: ["desc"])
            try reader.finish(warnings: &warnings, prefixMatching: true)

            guard let pmdText else {
                throw .config(.missingKey, "expected \"pmd\", the driver name such as \"net_af_xdp\"", at: member.value.location, keyPath: path.appending("pmd"))
            }
            guard let umem else {
                throw .config(.missingKey, "expected \"umem\", the name of the umem to take buffers from", at: member.value.location, keyPath: path.appending("umem"))
            }
            guard let qid else {
                throw .config(.missingKey, "expected \"qid\", the netdev queue to bind", at: member.value.location, keyPath: path.appending("qid"))
            }
            let pmdParts = pmdText.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            return LPort(
                name: member.key, pmd: String(pmdParts[0]), pmdOptions: pmdParts.count > 1 ? String(pmdParts[1]) : nil,
                qid: UInt16(qid), umem: umem, region: region, busyPoll: busyPoll, busyTimeout: UInt16(busyTimeout),
                busyBudget: UInt16(busyBudget), forceWakeup: forceWakeup, skbMode: skbMode, unalignedBuffers: unalignedBuffers,
                xskPinPath: xskPinPath, udsPath: udsPath, description: description)
        }
    }
}
