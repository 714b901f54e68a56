internal import CNESys
internal import CCNEDevicePlugin
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// What an ``Instance`` made, shared by the instance and its ports: a port checks it is
/// still open before reading counters, and the instance's id tells registrations apart.
final class InstanceLifetime: Sendable {
    /// The instance's id (`RegisteredThread.instanceID` of the scopes it lends).
    let id: UInt64
    let resources = TracedMutex(Resources())

    init(id: UInt64) { self.id = id }

    /// Runs `body` while the instance is open (close waits for it), or throws `.busy`.
    func whileOpen<R>(_ what: String, _ body: () throws(CNEError) -> R) throws(CNEError) -> R {
        try resources.withLock { (r) throws(CNEError) -> R in
            guard !r.closed else {
                throw CNEError(.runtime(.busy), context: what, message: "the instance is closed")
            }
            return try body()
        }
    }
}

/// What an ``Instance`` made, in the order it made it, so it can undo it in reverse.
struct Resources: ~Copyable {
    /// Memory regions from `mmap_alloc`, one per umem.
    var regions: [UnsafeMutableRawPointer] = []
    /// Buffer pools from `pktmbuf_pool_create`, one per umem region.
    var pools: [UnsafeMutablePointer<pktmbuf_info_t>] = []
    /// pktdev lport ids from `pktdev_port_setup`.
    var pktdevPorts: [UInt16] = []
    /// AF_XDP sockets from `xskdev_socket_create`.
    var xskdevSockets: [UnsafeMutableRawPointer] = []
    /// The device plugin sessions and their relays (`cne_dp_sessions_create`) while ports are set up.
    var udsSessions: OpaquePointer? = nil
    /// Threads inside `withRegisteredThread`; the instance cannot close while any is.
    var activeScopes = 0
    /// C strings handed to the core in lport configs (`pmd_opts`, `xsk_map_path`): kept
    /// until the ports are closed, since the core may hold the pointers until then.
    var cStrings: [UnsafeMutablePointer<CChar>] = []
    /// Who owns each lport's receive queue (by lport index): one ``ReceiveQueues`` at a time.
    var receiveOwners: [Int: String] = [:]
    var closed = false

    /// Buffers still out after the ports closed: held by packets or bursts the application
    /// kept past the instance. Their pools and memory are left in place (leaked) rather than
    /// freed under them.
    private(set) var strandedBuffers = 0

    /// A C copy of `text` that lives until ``release()``.
    mutating func keep(_ text: String) -> UnsafeMutablePointer<CChar>? {
        guard let copy = strdup(text) else { return nil }
        cStrings.append(copy)
        return copy
    }

    /// Releases everything, newest first. Idempotent.
    mutating func release() {
        if closed { return }
        closed = true
        for socket in xskdevSockets.reversed() {
            xskdev_socket_destroy(socket.assumingMemoryBound(to: xskdev_info_t.self))
        }
        for id in pktdevPorts.reversed() { _ = pktdev_close(id) }
        if let udsSessions { _ = cne_dp_sessions_close(udsSessions) }
        for text in cStrings { free(text) }
        cStrings = []
        // Closed ports have handed every buffer back; what is still out belongs to packets
        // the application kept, which must stay valid to free: keep their memory then.
        strandedBuffers = pools.reduce(0) { $0 + Instance.buffersOut(of: $1) }
        if strandedBuffers == 0 {
            for pool in pools.reversed() { pktmbuf_destroy(pool) }
            for region in regions.reversed() { _ = mmap_free(region) }
        }
        xskdevSockets = []
        pktdevPorts = []
        udsSessions = nil
        pools = []
        regions = []
    }
}
