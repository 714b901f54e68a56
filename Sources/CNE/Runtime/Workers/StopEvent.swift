import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A one-way "stop" flag that sleeping workers can wait on: an atomic for the packet path,
/// and a pipe that becomes readable when raised, for `poll(2)`.
final class StopEvent: Sendable {
    private let flag = Atomic<Bool>(false)
    private let readEnd: Int32
    private let writeEnd: Int32

    init() throws(CNEError) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else {
            throw .system(errno, "pipe", "cannot make the workers' stop event")
        }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        readEnd = fds[0]
        writeEnd = fds[1]
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }

    /// Becomes readable once raised.
    var descriptor: Int32 { readEnd }

    @inline(__always) var isRaised: Bool { flag.load(ordering: .acquiring) }

    /// Raises the flag and wakes every sleeper; harmless to repeat.
    func raise() {
        guard !flag.exchange(true, ordering: .acquiringAndReleasing) else { return }
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }
}
