#if canImport(Glibc)
import Glibc
#endif

/// A plain POSIX thread running one closure, joined explicitly: the shape of a CNDP worker
/// (`pthread_create` per forwarding thread), without a task executor in the packet path.
/// The runtime runs its workers on these; use one for other blocking loops (a server).
public struct WorkerThread: Sendable {
    private let handle: pthread_t

    private final class Body: Sendable {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }

    /// Starts a thread running `body`, or nil (errno set) when it cannot be created.
    public init?(_ body: @escaping @Sendable () -> Void) {
        let box = Unmanaged.passRetained(Body(body)).toOpaque()
        var handle = pthread_t()
        let rc = pthread_create(&handle, nil, { argument in
            let body = Unmanaged<Body>.fromOpaque(argument!).takeRetainedValue()
            body.run()
            return nil
        }, box)
        guard rc == 0 else {
            Unmanaged<Body>.fromOpaque(box).release()
            errno = rc
            return nil
        }
        self.handle = handle
    }

    /// Waits for the thread to finish; once.
    public func join() {
        pthread_join(handle, nil)
    }
}
