import Synchronization

/// A process-wide bound on packets generated (`--packets` in tx-only mode), shared by the
/// workers: each takes what it is about to make, and gives back what it could not.
public final class PacketBudget: Sendable {
    private let used = Atomic<UInt64>(0)
    /// The bound.
    public let limit: UInt64

    /// A budget of `limit` packets.
    public init(limit: UInt64) { self.limit = limit }

    /// Takes up to `wanted` packets of the budget; returns how many (0 once spent).
    public func take(upTo wanted: Int) -> Int {
        var current = used.load(ordering: .relaxed)
        while true {
            let n = min(UInt64(max(wanted, 0)), limit &- min(current, limit))
            if n == 0 { return 0 }
            let (exchanged, original) = used.compareExchange(expected: current, desired: current + n, ordering: .relaxed)
            if exchanged { return Int(n) }
            current = original
        }
    }

    /// Returns `n` packets taken but not made.
    public func giveBack(_ n: Int) {
        if n > 0 { used.subtract(UInt64(n), ordering: .relaxed) }
    }

    /// The packets taken so far.
    public var spent: UInt64 { used.load(ordering: .relaxed) }
}
