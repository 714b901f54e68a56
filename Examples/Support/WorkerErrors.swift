import Synchronization

/// Errors that ended worker threads, for the main thread to report after joining them.
public final class WorkerErrors: Sendable {
    private let errors = Mutex<[(worker: String, message: String)]>([])

    /// No errors yet.
    public init() {}

    /// Records that `worker` stopped with `message` (an error's description), and asks every other worker to stop.
    public func record(_ message: String, worker: String) {
        errors.withLock { $0.append((worker, message)) }
        StopSignal.raise()
    }

    /// What was recorded, in order.
    public var all: [(worker: String, message: String)] {
        errors.withLock { $0 }
    }
}
