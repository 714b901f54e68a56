internal import CNESys
internal import CCNEDevicePlugin
#if canImport(Glibc)
import Glibc
#endif

extension Instance {
    /// Makes the regions, pools and ports of `config`, recording each in `made` as it goes.
    static func build(
        _ config: CNEConfig, lifetime: InstanceLifetime, into made: inout Resources
    ) throws(CNEError) -> [Port] {
        var poolsByUMem: [String: [UnsafeMutablePointer<pktmbuf_info_t>]] = [:]
        var regionByUMem: [String: (base: UnsafeMutableRawPointer, size: Int)] = [:]
        for umem in config.umems {
            let region = try mapRegion(umem)
            made.regions.append(region)
            let base = mmap_addr(region)!
            regionByUMem[umem.name] = (base, mmap_size(region, nil, nil))
            var offset = 0
            var pools: [UnsafeMutablePointer<pktmbuf_info_t>] = []
            for (index, count) in umem.regions.enumerated() {
                guard let pool = pktmbuf_pool_create(
                    base.advanced(by: offset * umem.bufferSize).assumingMemoryBound(to: CChar.self),
                    UInt32(count), UInt32(umem.bufferSize),
                    UInt32(config.defaults.effectiveCacheSize), nil)
                else {
                    throw .system(errno, "pktmbuf_pool_create", "umem \(ConfigText.quoted(umem.name)) region \(index): cannot make the buffer pool")
                }
                made.pools.append(pool)
                pools.append(pool)
                offset += count
            }
            poolsByUMem[umem.name] = pools
        }

        // Device plugin sessions: one per plugin socket, however many lports lead to it.
        if config.lports.contains(where: { $0.udsPath != nil }) {
            guard let sessions = cne_dp_sessions_create(CNE_DP_DEFAULT_TIMEOUT_MS) else {
                throw .system(errno, "cne_dp_sessions_create", "cannot make the device plugin sessions")
            }
            made.udsSessions = sessions
        }

        let useXskdev = config.packetAPI == .xskdev
        var ports: [Port] = []
        for (index, lport) in config.lports.enumerated() {
            guard let umem = config.umems.first(where: { $0.name == lport.umem }),
                let region = regionByUMem[lport.umem], let pools = poolsByUMem[lport.umem],
                lport.region < pools.count
            else {
                throw CNEError(.runtime(.invalidArgument), context: lport.name, message: "umem or region missing")
            }
            let uds = try session(for: lport, in: made.udsSessions)
            var cfg = lportConfig(lport, umem: umem, region: region, pool: pools[lport.region], uds: uds)
            // The C strings live as long as the instance (the core may keep the pointers).
            if let pin = lport.xskPinPath {
                cfg.xsk_map_path = made.keep(pin)
            }
            if let opts = lport.pmdOptions {
                cfg.pmd_opts = made.keep(opts)
            }
            let backend: PortBackend
            if useXskdev && lport.pmd == "net_af_xdp" {
                guard let socket = xskdev_socket_create(&cfg) else {
                    throw .system(errno, "xskdev_socket_create", "lport \(ConfigText.quoted(lport.name)): cannot open the AF_XDP socket", remedy: zeroCopyHint(for: lport))
                }
                made.xskdevSockets.append(UnsafeMutableRawPointer(socket))
                backend = .xskdev(socket: UnsafeMutableRawPointer(socket), pool: pools[lport.region])
            } else {
                let id = pktdev_port_setup(&cfg)
                guard id >= 0 else {
                    throw .system(errno, "pktdev_port_setup", "lport \(ConfigText.quoted(lport.name)) (\(lport.pmd)): cannot set up the port", remedy: zeroCopyHint(for: lport))
                }
                made.pktdevPorts.append(UInt16(id))
                backend = .pktdev(lportID: UInt16(id), pool: pools[lport.region])
            }
            ports.append(Port(
                index: index, config: lport, backend: backend, macAddress: macAddress(of: lport),
                lifetime: lifetime))
        }
        // Every socket is set up: say /fin now. The plugin ends an idle session after its
        // udsTimeout (30 s by default) anyway, and nothing later needs one.
        if let sessions = made.udsSessions {
            made.udsSessions = nil
            _ = cne_dp_sessions_close(sessions)
        }
        return ports
    }

    /// What the library gets as `xsk_uds` for an lport with `uds_path` (nil for the others):
    /// the relay of the session with its plugin socket (CCNEDevicePlugin).
    private static func session(
        for lport: CNEConfig.LPort, in sessions: OpaquePointer?
    ) throws(CNEError) -> UnsafeMutableRawPointer? {
        guard let path = lport.udsPath, let sessions else { return nil }
        guard let session = cne_dp_sessions_xsk_uds(sessions, path) else {
            let code = errno
            let hint = code == ECONNREFUSED || code == ENOENT
                ? " (the plugin stops listening when the pod does not connect within its udsTimeout)" : ""
            throw .system(code, "cne_dp_sessions_xsk_uds", "lport \"\(lport.name)\": no session with the device plugin at \(path)\(hint)")
        }
        return session
    }

    private static func mapRegion(_ umem: CNEConfig.UMem) throws(CNEError) -> UnsafeMutableRawPointer {
        let type: mmap_type_t
        switch umem.memoryType {
        case .systemDefault: type = mmap_type_by_name("default")
        case .pages4KB: type = MMAP_HUGEPAGE_4KB
        case .hugePages2MB: type = MMAP_HUGEPAGE_2MB
        case .hugePages1GB: type = MMAP_HUGEPAGE_1GB
        }
        guard let region = mmap_alloc(UInt32(umem.bufferCount), UInt32(umem.bufferSize), type) else {
            throw .system(errno, "mmap_alloc", "umem \(ConfigText.quoted(umem.name)): cannot map \(umem.bufferCount) x \(umem.bufferSize) bytes")
        }
        return region
    }

    private static func lportConfig(
        _ lport: CNEConfig.LPort, umem: CNEConfig.UMem,
        region: (base: UnsafeMutableRawPointer, size: Int),
        pool: UnsafeMutablePointer<pktmbuf_info_t>, uds: UnsafeMutableRawPointer?
    ) -> lport_cfg_t {
        var cfg = lport_cfg_t()
        copyCString(lport.name, into: &cfg.name)
        copyCString(lport.netdev, into: &cfg.ifname)
        copyCString(lport.pmd, into: &cfg.pmd_name)
        var flags: Int32 = 0
        if lport.isUnprivileged { flags |= Int32(LPORT_UNPRIVILEGED) }
        if lport.forceWakeup { flags |= Int32(LPORT_FORCE_WAKEUP) }
        if lport.skbMode { flags |= Int32(LPORT_SKB_MODE) }
        if lport.busyPoll { flags |= Int32(LPORT_BUSY_POLLING) }
        if umem.sharedUMem { flags |= Int32(LPORT_SHARED_UMEM) }
        if lport.unalignedBuffers { flags |= Int32(LPORT_UMEM_UNALIGNED_BUFFERS) }
        cfg.flags = UInt16(truncatingIfNeeded: flags)
        cfg.qid = lport.qid
        cfg.bufcnt = UInt32(umem.regions[lport.region])
        cfg.bufsz = UInt32(umem.bufferSize)
        cfg.rx_nb_desc = UInt32(umem.rxDescriptors)
        cfg.tx_nb_desc = UInt32(umem.txDescriptors)
        cfg.busy_timeout = lport.busyTimeout
        cfg.busy_budget = lport.busyBudget
        cfg.addr = UnsafeMutableRawPointer(pool.pointee.addr)
        cfg.umem_addr = region.base.assumingMemoryBound(to: CChar.self)
        cfg.umem_size = region.size
        cfg.pi = pool
        cfg.xsk_uds = uds
        return cfg
    }

    private static func copyCString<T>(_ text: String, into field: inout T) {
        withUnsafeMutableBytes(of: &field) { bytes in
            bytes.initializeMemory(as: UInt8.self, repeating: 0)
            let utf8 = Array(text.utf8.prefix(bytes.count - 1))
            bytes.copyBytes(from: utf8)
        }
    }

    /// The netdev's MAC address from sysfs; nil for drivers without a netdev.
    private static func macAddress(of lport: CNEConfig.LPort) -> MACAddress? {
        guard lport.pmd != "net_null",
            let file = fopen("/sys/class/net/\(lport.netdev)/address", "r")
        else { return nil }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 64)
        guard fgets(&buffer, Int32(buffer.count), file) != nil else { return nil }
        let text = String(decoding: buffer.prefix { $0 != 0 && $0 != 10 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return MACAddress(text)
    }
}
