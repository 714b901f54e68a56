internal import CNESys
import Logging
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The one live CNDP instance of the process: the memory, buffer pools and ports a config
/// describes.
///
/// CNDP keeps its ports and thread ids in process-wide tables, so only one instance can be
/// open at a time; opening a second is an error, not a silent reuse. The instance owns what
/// it made and releases it in reverse order (ports, then pools, then memory) when closed or
/// deinitialised. Opening releases everything it made so far when a step fails.
public final class Instance: Sendable {
    /// The configuration it was opened with.
    public let config: CNEConfig
    /// The ports, in the config's `lports` order.
    public let ports: [Port]

    /// What the instance made, shared with its ports so that they can tell when it is gone.
    let lifetime: InstanceLifetime
    /// Where the instance logs (opening, closing, config warnings, libbpf's and libxdp's messages).
    public let logger: Logger

    /// Opens the instance a config describes: maps each umem, makes a buffer pool per region,
    /// and sets up each lport.
    ///
    /// - Throws: ``CNEError/Code/alreadyInitialised`` when another instance is open, a
    ///   configuration error when the config does not validate, or a system error naming the
    ///   step that failed (nothing is left behind).
    ///
    /// - Parameters:
    ///   - config: what to open; it must name at least one lport.
    ///   - logger: where the instance logs; libbpf's and libxdp's own messages go there too
    ///     (with `source` `libbpf` or `libxdp`), and so do the config's warnings.
    public init(config: CNEConfig, logger: Logger = Logger(label: "cne")) throws(CNEError) {
        // Warnings first: a misspelt section explains the error that may follow.
        for warning in config.warnings { logger.warning("\(warning)") }
        try config.validateForOpening()
        try InterfaceCheck.check(config)
        try XDPLeftover.check(config, logger: logger)
        LibraryLog.route(to: logger)
        let id = try LiveInstance.claim()
        let lifetime = InstanceLifetime(id: id)
        do {
            // Setup fills AF_XDP rings from the pools, which CNDP allows registered threads only.
            let ports = try ThreadRegistry.whileRegistered("cne-setup") { () throws(CNEError) in
                try lifetime.resources.withLock { (made) throws(CNEError) -> [Port] in
                    do throws(CNEError) {
                        return try Self.build(config, lifetime: lifetime, into: &made)
                    } catch {
                        made.release()
                        throw error
                    }
                }
            }
            self.config = config
            self.ports = ports
            self.lifetime = lifetime
            self.logger = logger
        } catch {
            lifetime.resources.withLock { $0.release() }
            LiveInstance.release()
            throw error
        }
        logger.info("opened", metadata: ["ports": "\(ports.count)", "umems": "\(config.umems.count)"])
    }

    /// Opens the instance described by the JSON-C config file at `path`.
    public convenience init(configFile path: String, logger: Logger = Logger(label: "cne")) throws(CNEError) {
        try self.init(config: CNEConfig(contentsOf: path), logger: logger)
    }

    deinit {
        // Closing returns buffers to the pools, which CNDP allows registered threads only;
        // if no thread id is free, release anyway (the embedded core copes).
        let wasOpen = (try? ThreadRegistry.whileRegistered("cne-close") { releaseResources() })
            ?? releaseResources()
        if wasOpen { LiveInstance.release() }
    }

    /// Closes every port and frees every pool and memory region. Closing twice is harmless.
    ///
    /// - Throws: ``CNEError/Code/busy`` while a thread is inside
    ///   ``withRegisteredThread(named:group:_:)``: its ports are still in use.
    public func close() throws(CNEError) {
        let closed = try ThreadRegistry.whileRegistered("cne-close") { () throws(CNEError) in
            try lifetime.resources.withLock { (r) throws(CNEError) -> Bool in
                if r.closed { return false }
                guard r.activeScopes == 0 else {
                    throw CNEError(
                        .runtime(.busy), context: "close",
                        message: "\(r.activeScopes) registered thread scope(s) still running")
                }
                r.release()
                return true
            }
        }
        if closed {
            LiveInstance.release()
            logger.info("closed")
        }
    }

    /// After ``close()``: the buffers that were still out when the ports had closed (held by
    /// packets the application kept); 0 means every buffer came back to its pool. Nil while open.
    public var buffersOutAtClose: Int? {
        lifetime.resources.withLock { $0.closed ? $0.strandedBuffers : nil }
    }

    /// Releases everything unless closed already or a scope is running.
    /// - Returns: true when this call released it.
    private func releaseResources() -> Bool {
        lifetime.resources.withLock { r in
            guard !r.closed, r.activeScopes == 0 else { return false }
            r.release()
            return true
        }
    }

    /// The port named `name` in the config, or nil.
    public func port(named name: String) -> Port? {
        ports.first { $0.name == name }
    }

    /// Runs `body` on the current thread registered with the core (and pinned to the CPUs of
    /// the config's lcore group `group`, when given). The instance stays open meanwhile.
    ///
    /// Pinning is not undone when the scope ends: pin dedicated worker threads, not the main
    /// thread or a thread of Swift's concurrency pool.
    ///
    /// - Throws: ``CNEError/Code/invalidArgument`` for an unknown group, ``CNEError/Code/busy``
    ///   when the instance is closed, or whatever `body` throws.
    @discardableResult
    public func withRegisteredThread<R: ~Copyable>(
        named name: String, group: String? = nil,
        _ body: (borrowing RegisteredThread) throws(CNEError) -> R
    ) throws(CNEError) -> R {
        try withOwnedRegistration(named: name, group: group) { (thread) throws(CNEError) -> R in try body(thread) }
    }

    /// ``withRegisteredThread(named:group:_:)`` for a body that throws errors of its own type:
    /// the scope rethrows them as they are, or a ``CNEError`` when registering fails.
    @_disfavoredOverload
    @discardableResult
    public func withRegisteredThread<R: ~Copyable, E: Error>(
        named name: String, group: String? = nil,
        _ body: (borrowing RegisteredThread) throws(E) -> R
    ) throws -> R {
        var failure: E? = nil
        let result: R? = try withOwnedRegistration(named: name, group: group) { (thread) throws(CNEError) -> R? in
            do throws(E) {
                return try body(thread)
            } catch {
                failure = error
                return nil
            }
        }
        if let failure { throw failure }
        return result!
    }

    /// The scope both overloads share; the body owns the registration (a worker keeps it in
    /// its context).
    func withOwnedRegistration<R: ~Copyable>(
        named name: String, group: String?,
        _ body: (consuming RegisteredThread) throws(CNEError) -> R
    ) throws(CNEError) -> R {
        var cpus: [Int]? = nil
        if let group {
            guard let found = config.lcoreGroups.first(where: { $0.name == group }) else {
                throw CNEError(.runtime(.invalidArgument), context: name, message: "no lcore group \(ConfigText.quoted(group)) in the config")
            }
            cpus = found.cpus
        }
        try enterScope()
        defer { leaveScope() }
        if let cpus { try ThreadRegistry.pinCurrentThread(to: cpus) }
        let thread = try ThreadRegistry.register(name, instanceID: lifetime.id)
        return try body(thread)
    }

    private func enterScope() throws(CNEError) {
        let open = lifetime.resources.withLock { r in
            if r.closed { return false }
            r.activeScopes += 1
            return true
        }
        guard open else {
            throw CNEError(.runtime(.busy), context: "withRegisteredThread", message: "the instance is closed")
        }
    }

    private func leaveScope() {
        lifetime.resources.withLock { $0.activeScopes -= 1 }
    }
}

/// The process-wide "an instance is open" flag, and instance ids.
enum LiveInstance {
    private static let open = Atomic<Bool>(false)
    private static let lastID = Atomic<UInt64>(0)

    /// Claims the flag. - Returns: a fresh instance id (never 0).
    static func claim() throws(CNEError) -> UInt64 {
        guard open.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else {
            throw CNEError(
                .runtime(.alreadyInitialised), context: "Instance",
                message: "another CNE instance is open in this process; close it first")
        }
        return lastID.wrappingAdd(1, ordering: .relaxed).newValue
    }

    static func release() {
        open.store(false, ordering: .releasing)
    }
}
