internal import CNESys
#if canImport(Glibc)
import Glibc
#endif

/// Proof that the current thread is registered with the CNDP core.
///
/// Packet I/O needs a registered thread (buffer caches are per thread), so every receive,
/// send and allocation takes one of these. It cannot be copied, sent to another thread or
/// escape ``Instance/withRegisteredThread(named:group:_:)``, so forgetting to register does
/// not compile. It also names the instance that lent it: a port refuses a registration from
/// another instance, and an instance cannot close while one of its registrations is lent out.
public struct RegisteredThread: ~Copyable {
    /// The core's id for this thread (`cne_id()`).
    public let id: Int32
    /// The instance whose scope lent this registration (0 for the instance's own setup).
    @usableFromInline let instanceID: UInt64
    /// False when the thread was already registered (the initial thread, or a nested scope):
    /// then leaving the scope must not unregister it.
    let ownsRegistration: Bool

    init(id: Int32, instanceID: UInt64, ownsRegistration: Bool) {
        self.id = id
        self.instanceID = instanceID
        self.ownsRegistration = ownsRegistration
    }

    deinit {
        if ownsRegistration { CoreRegistry.unregister(id) }
    }
}

@available(*, unavailable, message: "a registration belongs to the thread that made it")
extension RegisteredThread: Sendable {}

/// Registration and pinning, behind ``Instance/withRegisteredThread(named:group:_:)``.
enum ThreadRegistry {
    /// Runs `body` registered (for the duration only, unless the thread already was).
    static func whileRegistered<R>(_ name: String, _ body: () throws(CNEError) -> R) throws(CNEError) -> R {
        let token = try register(name)
        let result = try body()
        _ = consume token
        return result
    }

    static func register(_ name: String, instanceID: UInt64 = 0) throws(CNEError) -> RegisteredThread {
        if cne_check_registration() != 0 {
            return RegisteredThread(id: cne_id(), instanceID: instanceID, ownsRegistration: false)
        }
        let id = CoreRegistry.register(name)
        guard id >= 0 else {
            throw CNEError(
                .runtime(.exhausted), context: "cne_register",
                message: "all \(cne_max_threads()) thread ids are in use")
        }
        return RegisteredThread(id: id, instanceID: instanceID, ownsRegistration: true)
    }

    /// Pins the calling thread to `cpus`.
    static func pinCurrentThread(to cpus: [Int]) throws(CNEError) {
        var set = cpu_set_t()
        let maxCPUs = MemoryLayout<cpu_set_t>.size * 8
        for cpu in cpus {
            guard cpu >= 0 && cpu < maxCPUs else {
                throw CNEError(.runtime(.invalidArgument), context: "pin thread", message: "CPU \(cpu) is out of range")
            }
            withUnsafeMutableBytes(of: &set) { bytes in
                bytes[cpu / 8] |= UInt8(1 << (cpu % 8))
            }
        }
        // Glibc's Swift module hides the _GNU_SOURCE affinity calls; look the syscall wrapper up.
        guard let symbol = dlsym(nil, "sched_setaffinity") else {
            throw CNEError(.runtime(.invalidArgument), context: "pin thread", message: "sched_setaffinity is not available")
        }
        typealias SetAffinity = @convention(c) (pid_t, Int, UnsafeRawPointer) -> Int32
        let setAffinity = unsafeBitCast(symbol, to: SetAffinity.self)
        let rc = withUnsafeBytes(of: &set) { setAffinity(0, MemoryLayout<cpu_set_t>.size, $0.baseAddress!) }
        guard rc == 0 else {
            throw .system(errno, "sched_setaffinity", "cannot pin the thread to CPUs \(cpus)")
        }
    }
}
