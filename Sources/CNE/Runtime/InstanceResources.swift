internal import CNESys
#if canImport(Glibc)
import Glibc
#endif

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
    /// The device plugin session from `udsc_handshake`, if any lport needed one.
    var udsSession: UnsafeMutableRawPointer? = nil
    /// Threads inside `withRegisteredThread`; the instance cannot close while any is.
    var activeScopes = 0
    var closed = false

    /// Releases everything, newest first. Idempotent.
    mutating func release() {
        if closed { return }
        closed = true
        for socket in xskdevSockets.reversed() {
            xskdev_socket_destroy(socket.assumingMemoryBound(to: xskdev_info_t.self))
        }
        for id in pktdevPorts.reversed() { _ = pktdev_close(id) }
        if let udsSession { _ = udsc_close(udsSession.assumingMemoryBound(to: uds_info_t.self)) }
        for pool in pools.reversed() { pktmbuf_destroy(pool) }
        for region in regions.reversed() { _ = mmap_free(region) }
        xskdevSockets = []
        pktdevPorts = []
        udsSession = nil
        pools = []
        regions = []
    }
}
