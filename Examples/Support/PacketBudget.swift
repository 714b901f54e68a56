import Synchronization

/// A process-wide bound on packets handled (`--packets`), shared by the workers: each takes
/// what it is about to handle, and the one that uses the last of it raises the stop flag.
public final class PacketBudget: Sendable {
    private let used = Atomic<UInt64>(0)
    /// The bound.
    public let limit: UInt64

    /// A budget of `limit` packets.
    public init(limit: UInt64) { self.limit = limit }

    /// How many of `wanted` packets may still be handled (0 when the budget is spent).
    public func remaining(upTo wanted: Int) -> Int {
        let left = limit &- min(used.load(ordering: .relaxed), limit)
        return Int(min(UInt64(wanted), left))
    }

    /// Records `n` packets handled; raises the stop flag when the budget is spent.
    public func spend(_ n: Int) {
        guard n > 0 else { return }
        let total = used.wrappingAdd(UInt64(n), ordering: .relaxed).newValue
        if total >= limit { StopSignal.raise() }
    }
}
