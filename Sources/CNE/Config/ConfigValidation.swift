extension CNEConfig {
    /// Checks what a config read from a document is checked for, so one built in code is held to
    /// the same rules: names unique, references resolve (lport → umem and region, thread → lcore
    /// group and lports), sizes in range, region sums within the buffer count, CPUs below
    /// `cpuCount` (default ``systemCPUCount``), no lport served by two threads.
    ///
    /// Errors carry the key path, and the document location when the config was decoded from one.
    /// Checks run section by section in jcfg's order, entries in order, so the first error is stable.
    public func validate(cpuCount: Int? = nil) throws(CNEError) {
        let cpus = cpuCount ?? Self.systemCPUCount
        try validateUnique(umems.map(\.name), section: "umems", what: "umem")
        try validateUnique(lports.map(\.name), section: "lports", what: "lport")
        try validateUnique(lcoreGroups.map(\.name), section: "lcore-groups", what: "lcore group")
        try validateUnique(threads.map(\.name), section: "threads", what: "thread")
        try validateDefaults()
        for umem in umems { try validate(umem) }
        for lport in lports { try validate(lport) }
        for group in lcoreGroups { try validate(group, cpuCount: cpus) }
        try validateOptions()
        var owners: [String: String] = [:]
        for thread in threads { try validate(thread, owners: &owners) }
    }

    /// What ``validate(cpuCount:)`` checks, and what an ``Instance`` needs besides: at least one
    /// lport. A config without ports is valid for tools that only read it, but an instance of
    /// it would serve nothing (a misspelt `lports` section reads as an unknown section).
    public func validateForOpening(cpuCount: Int? = nil) throws(CNEError) {
        try validate(cpuCount: cpuCount)
        guard !lports.isEmpty else {
            var message = "no lports: the config defines no ports to open"
            if let near = extraSections.first(where: { CNEConfig.nearestSection(to: $0.key) == "lports" }) {
                message += " (is \(ConfigText.quoted(near.key)) meant to be \"lports\"?)"
            }
            throw .config(.noPorts, message, at: provenance.location(["lports"]), keyPath: ["lports"])
        }
    }

    private func fail(_ problem: CNEError.ConfigProblem, _ message: String, _ path: ConfigKeyPath) -> CNEError {
        .config(problem, message, at: provenance.location(path), keyPath: path)
    }

    private func validateUnique(_ names: [String], section: String, what: String) throws(CNEError) {
        var seen: Set<String> = []
        for name in names where !seen.insert(name).inserted {
            throw fail(.duplicateKey, "\(what) \(ConfigText.quoted(name)) is defined twice", [section, name])
        }
    }

    private static func isPowerOfTwo(_ value: Int) -> Bool { value > 0 && value & (value - 1) == 0 }

    private static let maxKibiCount = Int(UInt32.max / 1024) * 1024

    private func validateDefaults() throws(CNEError) {
        let path: ConfigKeyPath = ["defaults"]
        if let size = defaults.bufferSize, size <= 0 || size % 64 != 0 || size > Self.maxKibiCount {
            throw fail(.invalidValue, "buffer size \(size) bytes is not a positive multiple of 64", path.appending("bufsz"))
        }
        for (key, count) in [("rxdesc", defaults.rxDescriptors), ("txdesc", defaults.txDescriptors)] {
            if let count, count != 0, !Self.isPowerOfTwo(count) || count > Self.maxKibiCount {
                throw fail(.invalidValue, "ring size \(count) is not a power of two", path.appending(key))
            }
        }
        if let cache = defaults.cacheSize, cache < 0 || cache > Int(UInt32.max) {
            throw fail(.outOfRange, "cache size \(cache) is out of range 0...\(UInt32.max)", path.appending("cache"))
        }
    }

    private func validate(_ umem: UMem) throws(CNEError) {
        let path: ConfigKeyPath = ["umems", umem.name]
        guard umem.bufferCount > 0, umem.bufferCount <= Self.maxKibiCount else {
            throw fail(.outOfRange, "expected at least 1 buffer (bufcnt ≥ 1, in units of 1024), found \(umem.bufferCount)", path.appending("bufcnt"))
        }
        guard umem.bufferSize > 0, umem.bufferSize % 64 == 0, umem.bufferSize <= Self.maxKibiCount else {
            throw fail(.invalidValue, "buffer size \(umem.bufferSize) bytes is not a positive multiple of 64 (bufsz is in units of 1024)", path.appending("bufsz"))
        }
        for (key, count) in [("rxdesc", umem.rxDescriptors), ("txdesc", umem.txDescriptors)] {
            guard count == 0 || (Self.isPowerOfTwo(count) && count <= Self.maxKibiCount) else {
                throw fail(.invalidValue, "ring size \(count) is not a power of two (AF_XDP rings need one)", path.appending(key))
            }
        }
        let regionsPath = path.appending("regions")
        guard !umem.regions.isEmpty, umem.regions.count <= UMem.maxRegions else {
            throw fail(.outOfRange, "expected 1...\(UMem.maxRegions) regions, found \(umem.regions.count)", regionsPath)
        }
        for (index, size) in umem.regions.enumerated() where size <= 0 {
            throw fail(.outOfRange, "expected a region of at least 1 (in units of 1024), found \(size / 1024)", regionsPath.appending(index: index))
        }
        let total = umem.regions.reduce(0, +)
        guard total <= umem.bufferCount else {
            throw fail(
                .outOfRange, "regions hold \(total / 1024)K buffers but the umem has only \(umem.bufferCount / 1024)K (bufcnt); expected a sum ≤ bufcnt",
                regionsPath)
        }
    }

    private func validate(_ lport: LPort) throws(CNEError) {
        let path: ConfigKeyPath = ["lports", lport.name]
        guard !lport.netdev.isEmpty else {
            throw fail(.invalidValue, "empty netdev name (expected \"<netdev>:<suffix>\", e.g. \"eth0:0\")", path)
        }
        guard lport.netdev.utf8.count <= LPort.maxNetdevLength else {
            throw fail(.invalidValue, "netdev name \(ConfigText.quoted(lport.netdev)) is longer than \(LPort.maxNetdevLength) bytes", path)
        }
        guard !lport.pmd.isEmpty else {
            throw fail(.invalidValue, "expected a PMD name such as \"net_af_xdp\", found an empty string", path.appending("pmd"))
        }
        guard LPort.knownDrivers.contains(lport.pmd) else {
            throw fail(
                .unknownDriver,
                "unknown driver '\(ConfigText.escaped(lport.pmd))' (known: \(LPort.knownDrivers.joined(separator: ", ")))",
                path.appending("pmd"))
        }
        guard let umem = umems.first(where: { $0.name == lport.umem }) else {
            throw fail(.unknownReference, "unknown umem \(ConfigText.quoted(lport.umem)) (expected one of: \(Self.list(umems.map(\.name))))", path.appending("umem"))
        }
        guard lport.region >= 0, lport.region < umem.regions.count else {
            throw fail(
                .unknownReference, "umem \(ConfigText.quoted(umem.name)) has no region \(lport.region) (expected 0...\(umem.regions.count - 1))",
                path.appending("region"))
        }
    }

    private func validate(_ group: LCoreGroup, cpuCount: Int) throws(CNEError) {
        let path: ConfigKeyPath = ["lcore-groups", group.name]
        guard !group.cpus.isEmpty else { throw fail(.invalidValue, "expected at least one CPU", path) }
        if let bad = group.cpus.first(where: { $0 < 0 || $0 >= cpuCount }) {
            throw fail(.outOfRange, "CPU \(bad) does not exist (expected CPUs 0...\(cpuCount - 1))", path)
        }
    }

    private func validate(_ thread: Thread, owners: inout [String: String]) throws(CNEError) {
        let path: ConfigKeyPath = ["threads", thread.name]
        guard lcoreGroups.contains(where: { $0.name == thread.group }) else {
            throw fail(
                .unknownReference, "unknown lcore group \(ConfigText.quoted(thread.group)) (expected one of: \(Self.list(lcoreGroups.map(\.name))))",
                path.appending("group"))
        }
        for (index, name) in thread.lports.enumerated() {
            let lportPath = path.appending("lports").appending(index: index)
            guard lports.contains(where: { $0.name == name }) else {
                throw fail(.unknownReference, "unknown lport \(ConfigText.quoted(name)) (expected one of: \(Self.list(lports.map(\.name))))", lportPath)
            }
            if let owner = owners[name] {
                throw fail(.invalidValue, "lport \(ConfigText.quoted(name)) is already served by thread \(ConfigText.quoted(owner)) (lports cannot be shared)", lportPath)
            }
            owners[name] = thread.name
        }
    }

    private static func list(_ names: [String]) -> String { names.isEmpty ? "none defined" : names.joined(separator: ", ") }
}
