internal import CNESys

/// Every counter of a port (`lport_stats_t`), as one snapshot.
///
/// Names follow CNDP's fields in Swift case; counters a driver does not keep are 0.
public struct PortStats: Sendable, Equatable {
    /// Packets received. (`ipackets`)
    public var ipackets: UInt64 = 0
    /// Packets sent. (`opackets`)
    public var opackets: UInt64 = 0
    /// Bytes received. (`ibytes`)
    public var ibytes: UInt64 = 0
    /// Bytes sent. (`obytes`)
    public var obytes: UInt64 = 0
    /// Receive errors. (`ierrors`)
    public var ierrors: UInt64 = 0
    /// Send errors. (`oerrors`)
    public var oerrors: UInt64 = 0
    /// Packets the kernel dropped for lack of room (XDP_STATISTICS rx_dropped). (`imissed`)
    public var imissed: UInt64 = 0
    /// Packets dropped on send. (`odropped`)
    public var odropped: UInt64 = 0
    /// Invalid receive descriptors (kernel). (`rx_invalid`)
    public var rxInvalid: UInt64 = 0
    /// Invalid send descriptors (kernel). (`tx_invalid`)
    public var txInvalid: UInt64 = 0
    /// Receive calls that found the ring empty. (`rx_ring_empty`)
    public var rxRingEmpty: UInt64 = 0
    /// Buffers allocated for the fill ring. (`rx_buf_alloc`)
    public var rxBufAlloc: UInt64 = 0
    /// Busy-poll wakeups on receive. (`rx_busypoll_wakeup`)
    public var rxBusypollWakeup: UInt64 = 0
    /// poll() wakeups on receive. (`rx_poll_wakeup`)
    public var rxPollWakeup: UInt64 = 0
    /// Descriptors taken from the receive ring. (`rx_rcvd_count`)
    public var rxRcvdCount: UInt64 = 0
    /// Receive bursts called. (`rx_burst_called`)
    public var rxBurstCalled: UInt64 = 0
    /// Times the receive ring was full (kernel). (`rx_ring_full`)
    public var rxRingFull: UInt64 = 0
    /// Times the fill ring was empty (kernel). (`rx_fill_ring_empty`)
    public var rxFillRingEmpty: UInt64 = 0
    /// Times the send ring was empty (kernel). (`tx_ring_empty`)
    public var txRingEmpty: UInt64 = 0
    /// Fill-ring refills called. (`fq_add_called`)
    public var fqAddCalled: UInt64 = 0
    /// Buffers added to the fill ring. (`fq_add_count`)
    public var fqAddCount: UInt64 = 0
    /// Refills that found the fill ring full. (`fq_full`)
    public var fqFull: UInt64 = 0
    /// Refills that got no buffer from the pool. (`fq_alloc_zero`)
    public var fqAllocZero: UInt64 = 0
    /// Fill-ring reservations that failed. (`fq_reserve_failed`)
    public var fqReserveFailed: UInt64 = 0
    /// Kernel kicks to send. (`tx_kicks`)
    public var txKicks: UInt64 = 0
    /// Kicks that failed. (`tx_kick_failed`)
    public var txKickFailed: UInt64 = 0
    /// Kicks that returned EAGAIN. (`tx_kick_again`)
    public var txKickAgain: UInt64 = 0
    /// Sends that found the send ring full. (`tx_ring_full`)
    public var txRingFull: UInt64 = 0
    /// Buffers copied on send (from another pool). (`tx_copied`)
    public var txCopied: UInt64 = 0
    /// Completion-ring polls that found nothing. (`cq_empty`)
    public var cqEmpty: UInt64 = 0
    /// Buffers freed from the completion ring. (`cq_buf_freed`)
    public var cqBufFreed: UInt64 = 0

    /// All zero.
    public init() {}

    init(_ s: lport_stats_t) {
        ipackets = s.ipackets
        opackets = s.opackets
        ibytes = s.ibytes
        obytes = s.obytes
        ierrors = s.ierrors
        oerrors = s.oerrors
        imissed = s.imissed
        odropped = s.odropped
        rxInvalid = s.rx_invalid
        txInvalid = s.tx_invalid
        rxRingEmpty = s.rx_ring_empty
        rxBufAlloc = s.rx_buf_alloc
        rxBusypollWakeup = s.rx_busypoll_wakeup
        rxPollWakeup = s.rx_poll_wakeup
        rxRcvdCount = s.rx_rcvd_count
        rxBurstCalled = s.rx_burst_called
        rxRingFull = s.rx_ring_full
        rxFillRingEmpty = s.rx_fill_ring_empty
        txRingEmpty = s.tx_ring_empty
        fqAddCalled = s.fq_add_called
        fqAddCount = s.fq_add_count
        fqFull = s.fq_full
        fqAllocZero = s.fq_alloc_zero
        fqReserveFailed = s.fq_reserve_failed
        txKicks = s.tx_kicks
        txKickFailed = s.tx_kick_failed
        txKickAgain = s.tx_kick_again
        txRingFull = s.tx_ring_full
        txCopied = s.tx_copied
        cqEmpty = s.cq_empty
        cqBufFreed = s.cq_buf_freed
    }

    /// Every counter with its CNDP name, in CNDP's order: for tables and logs.
    public var counters: [(name: String, value: UInt64)] {
        [
            ("ipackets", ipackets),
            ("opackets", opackets),
            ("ibytes", ibytes),
            ("obytes", obytes),
            ("ierrors", ierrors),
            ("oerrors", oerrors),
            ("imissed", imissed),
            ("odropped", odropped),
            ("rx_invalid", rxInvalid),
            ("tx_invalid", txInvalid),
            ("rx_ring_empty", rxRingEmpty),
            ("rx_buf_alloc", rxBufAlloc),
            ("rx_busypoll_wakeup", rxBusypollWakeup),
            ("rx_poll_wakeup", rxPollWakeup),
            ("rx_rcvd_count", rxRcvdCount),
            ("rx_burst_called", rxBurstCalled),
            ("rx_ring_full", rxRingFull),
            ("rx_fill_ring_empty", rxFillRingEmpty),
            ("tx_ring_empty", txRingEmpty),
            ("fq_add_called", fqAddCalled),
            ("fq_add_count", fqAddCount),
            ("fq_full", fqFull),
            ("fq_alloc_zero", fqAllocZero),
            ("fq_reserve_failed", fqReserveFailed),
            ("tx_kicks", txKicks),
            ("tx_kick_failed", txKickFailed),
            ("tx_kick_again", txKickAgain),
            ("tx_ring_full", txRingFull),
            ("tx_copied", txCopied),
            ("cq_empty", cqEmpty),
            ("cq_buf_freed", cqBufFreed),
        ]
    }
}
