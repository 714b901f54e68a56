import Synchronization

/// Packets an example dropped itself, per port: those a full transmit ring did not take, or
/// those a forwarder had nowhere to send. The drivers' own counters do not see these.
///
/// Workers add to it only when they drop something (the lock is off the common path); the
/// table reads it once a second.
public final class DropCounters: Sendable {
    private let counts: Mutex<[UInt64]>

    /// Zero drops for each of `portCount` ports.
    public init(portCount: Int) {
        counts = Mutex([UInt64](repeating: 0, count: portCount))
    }

    /// Adds `n` drops to port `index`.
    public func add(_ n: Int, port index: Int) {
        guard n > 0 else { return }
        counts.withLock { $0[index] += UInt64(n) }
    }

    /// The drops of port `index` so far.
    public func count(port index: Int) -> UInt64 {
        counts.withLock { $0[index] }
    }
}
