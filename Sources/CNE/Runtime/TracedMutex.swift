internal import CCNEShims
import Synchronization

/// A `Mutex` whose ordering ThreadSanitizer sees: CNE's locks, and the runtime's.
///
/// `Synchronization.Mutex` locks with raw futex calls on Linux, which ThreadSanitizer does not
/// intercept, so `make test-tsan` reported the state a `Mutex` guards as raced between two
/// critical sections (`Instance.enterScope` and `takeReceiveQueues`, both under one lock). This
/// wraps a `Mutex` and marks each section's start and end on a per-lock address; the marks
/// cost a call each and do nothing without ThreadSanitizer's runtime.
package struct TracedMutex<Value: ~Copyable>: ~Copyable, Sendable {
    private let mutex: Mutex<Value>
    /// Its address names this lock to ThreadSanitizer (a `~Copyable` value has none to give).
    private let identity = LockIdentity()

    /// A lock guarding `value`.
    package init(_ value: consuming sending Value) {
        mutex = Mutex(value)
    }

    /// Runs `body` with the guarded value, holding the lock.
    package borrowing func withLock<Result: ~Copyable, E: Error>(
        _ body: (inout sending Value) throws(E) -> sending Result
    ) throws(E) -> sending Result {
        let address = identity.address
        return try mutex.withLock { (value: inout sending Value) throws(E) -> sending Result in
            cne_tsan_acquire(address)
            defer { cne_tsan_release(address) }
            return try body(&value)
        }
    }
}

/// An object whose address identifies one `TracedMutex`.
private final class LockIdentity: Sendable {
    var address: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }
}
