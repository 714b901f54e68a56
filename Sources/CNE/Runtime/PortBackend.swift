public import CNESys
#if canImport(Glibc)
import Glibc
#endif

/// The two ways CNDP drives a port: through the pktdev layer (any driver), or straight on an
/// xskdev AF_XDP socket (cndpfwd's default; `options.pkt_api`).
@usableFromInline
enum PortBackend: @unchecked Sendable {
    // Unchecked: the pointers are owned by the Instance, which outlives every use (it cannot
    // close while a registered scope runs), and the core serialises what needs it.
    case pktdev(lportID: UInt16, pool: UnsafeMutablePointer<pktmbuf_info_t>)
    case xskdev(socket: UnsafeMutableRawPointer, pool: UnsafeMutablePointer<pktmbuf_info_t>)

    /// CNDP's "port down" value in place of a count.
    @usableFromInline static let down = UInt16(PKTDEV_ADMIN_STATE_DOWN)

    /// The most packets one transmit call is given (CNDP's LPORT_TX_BATCH_SIZE): its xskdev
    /// takes a burst whole or not at all, so a burst must fit the TX ring.
    @usableFromInline static let sendChunk = 256

    @inlinable func receive(_ slots: UnsafeMutablePointer<OpaquePointer?>, _ n: UInt16) -> UInt16 {
        switch self {
        case .pktdev(let id, _):
            return pktdev_rx_burst(id, slots, n)
        case .xskdev(let socket, _):
            return slots.withMemoryRebound(to: UnsafeMutableRawPointer?.self, capacity: Int(n)) {
                xskdev_rx_burst(socket.assumingMemoryBound(to: xskdev_info_t.self), $0, n)
            }
        }
    }

    @inlinable func send(_ slots: UnsafeMutablePointer<OpaquePointer?>, _ n: UInt16) -> UInt16 {
        switch self {
        case .pktdev(let id, _):
            return pktdev_tx_burst(id, slots, n)
        case .xskdev(let socket, _):
            return slots.withMemoryRebound(to: UnsafeMutableRawPointer?.self, capacity: Int(n)) {
                xskdev_tx_burst(socket.assumingMemoryBound(to: xskdev_info_t.self), $0, n)
            }
        }
    }

    @inlinable func allocate(_ slots: UnsafeMutablePointer<OpaquePointer?>, _ n: UInt16) -> Int {
        var got: Int32
        switch self {
        case .pktdev(let id, let pool):
            got = pktdev_buf_alloc(Int32(id), slots, n)
            // A driver without its own allocator (real CNDP's net_null): the lport's pool.
            if got < 0 { got = pktmbuf_alloc_bulk(pool, slots, UInt32(n)) }
        case .xskdev(_, let pool):
            got = pktmbuf_alloc_bulk(pool, slots, UInt32(n))
        }
        return got > 0 ? Int(got) : 0
    }

    func stats(portName: String) throws(CNEError) -> PortStats {
        var raw = lport_stats_t()
        let rc: Int32
        switch self {
        case .pktdev(let id, _): rc = pktdev_stats_get(id, &raw)
        case .xskdev(let socket, _): rc = xskdev_stats_get(socket.assumingMemoryBound(to: xskdev_info_t.self), &raw)
        }
        guard rc >= 0 else { throw .system(errno, "stats of \(portName)", "cannot read the port's counters") }
        return PortStats(raw)
    }

    func resetStats(portName: String) throws(CNEError) {
        let rc: Int32
        switch self {
        case .pktdev(let id, _): rc = pktdev_stats_reset(id)
        case .xskdev(let socket, _): rc = xskdev_stats_reset(socket.assumingMemoryBound(to: xskdev_info_t.self))
        }
        guard rc >= 0 else { throw .system(errno, "reset stats of \(portName)", "cannot reset the port's counters") }
    }
}
