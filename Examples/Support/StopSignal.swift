import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The process-wide "stop now" flag, raised by SIGINT (Ctrl-C) and SIGTERM, or by a bound.
///
/// Workers poll ``isRaised`` between bursts and leave their loops; the main thread then
/// joins them and closes the instance, so the ports, XDP programs and buffers are released.
public enum StopSignal {
    private static let flag = Atomic<Bool>(false)
    private static let signalNumber = Atomic<Int32>(0)

    /// Installs the handlers. Call once, before starting any worker.
    public static func install() {
        // Touch the flags first: their lazy initialisation must not run inside a handler.
        flag.store(false, ordering: .relaxed)
        signalNumber.store(0, ordering: .relaxed)
        for sig in [SIGINT, SIGTERM] {
            _ = signal(sig) { number in
                StopSignal.signalNumber.store(number, ordering: .relaxed)
                StopSignal.flag.store(true, ordering: .releasing)
            }
        }
    }

    /// True once a stop was asked for.
    @inline(__always)
    public static var isRaised: Bool { flag.load(ordering: .acquiring) }

    /// Asks every worker to stop (a duration or packet bound ran out, or a worker failed).
    public static func raise() { flag.store(true, ordering: .releasing) }

    /// The signal that asked to stop, or nil when none did.
    public static var caughtSignal: Int32? {
        let number = signalNumber.load(ordering: .relaxed)
        return number == 0 ? nil : number
    }
}
