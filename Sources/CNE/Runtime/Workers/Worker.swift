import Synchronization

/// What a ``PacketProcessor`` gets from the worker running it: the registration that packet
/// I/O needs, every port of the instance for sending, and sends that count what they drop.
///
/// It cannot be copied or sent: it belongs to the worker's thread.
public struct Worker: ~Copyable {
    /// The worker's name (its `threads` entry, e.g. `fwd:0`).
    public let name: String
    /// Proof that this thread is registered; pass it to ``Port/send(_:on:)`` and friends.
    public let thread: RegisteredThread
    /// Every port of the instance, by lport index: any of them may be sent on.
    public let ports: [Port]
    /// The ports this worker receives from (its ``WorkerPlan/lports``).
    public let receivePorts: [Port]
    /// The worker's counters.
    public let stats: WorkerStats

    init(name: String, thread: consuming RegisteredThread, ports: [Port], receivePorts: [Port], stats: WorkerStats) {
        self.name = name
        self.thread = thread
        self.ports = ports
        self.receivePorts = receivePorts
        self.stats = stats
    }

    /// Sends `burst` on `port`; what the transmit ring does not take is freed and counted as
    /// dropped, so the burst is empty afterwards.
    ///
    /// - Returns: the number sent.
    @discardableResult
    public func send(_ burst: inout PacketBurst, on port: Port) throws(CNEError) -> Int {
        let sent = try port.send(&burst, on: thread)
        stats.add(sent: sent)
        if !burst.isEmpty {
            stats.add(dropped: burst.count)
            burst.removeAll()
        }
        return sent
    }

    /// Counts `n` packets the logic freed itself as dropped.
    public func countDropped(_ n: Int) { stats.add(dropped: n) }

    /// Frees every packet of `burst`, counting them as dropped (a filter's verdict).
    public func drop(_ burst: inout PacketBurst) {
        stats.add(dropped: burst.count)
        burst.removeAll()
    }
}

/// One worker's counters, written by the worker only and read by anyone (metrics, tables).
public final class WorkerStats: Sendable {
    /// The worker's name.
    public let name: String
    private let received = Atomic<UInt64>(0)
    private let sent = Atomic<UInt64>(0)
    private let dropped = Atomic<UInt64>(0)
    private let idleWaits = Atomic<UInt64>(0)
    private let passes = Atomic<UInt64>(0)

    init(name: String) { self.name = name }

    /// Packets received from the worker's queues.
    public var receivedPackets: UInt64 { received.load(ordering: .relaxed) }
    /// Packets the transmit rings took from the worker.
    public var sentPackets: UInt64 { sent.load(ordering: .relaxed) }
    /// Packets the worker freed without sending (ring full, or its logic's verdict).
    public var droppedPackets: UInt64 { dropped.load(ordering: .relaxed) }
    /// Times the worker slept because its ports were idle.
    public var idleWaitCount: UInt64 { idleWaits.load(ordering: .relaxed) }
    /// Passes over its ports.
    public var passCount: UInt64 { passes.load(ordering: .relaxed) }

    // One writer: a load and a store, not a locked read-modify-write, on the packet path.
    @inline(__always) private static func bump(_ counter: borrowing Atomic<UInt64>, _ n: Int) {
        counter.store(counter.load(ordering: .relaxed) &+ UInt64(n), ordering: .relaxed)
    }

    func add(received n: Int) { if n > 0 { Self.bump(received, n) } }
    func add(sent n: Int) { if n > 0 { Self.bump(sent, n) } }
    func add(dropped n: Int) { if n > 0 { Self.bump(dropped, n) } }
    func addIdleWait() { Self.bump(idleWaits, 1) }
    func addPass() { Self.bump(passes, 1) }
}
