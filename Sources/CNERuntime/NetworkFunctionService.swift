import CNE
import CoreMetrics
import Logging
import ServiceLifecycle
import Synchronization

/// A network function as a swift-service-lifecycle `Service`: it runs the ``Workers`` of an
/// instance, so the packet path stays synchronous on pinned threads while the runner is
/// async and composes with other services (a ``MetricsEndpoint``) in one `ServiceGroup`.
///
/// `run()` starts the workers and returns when they have stopped: on graceful shutdown
/// (SIGINT or SIGTERM given to the group) or cancellation, on ``stop()`` (a bound was
/// reached), or when a worker fails, which `run()` then throws as a ``WorkerFailure`` (the
/// group then shuts down the other services). Since it can return on its own, give it
/// `successTerminationBehavior: .gracefullyShutdownGroup` in the group. When it returns, every worker has drained
/// what it sent and dropped what it held; close the instance to return the buffers and
/// detach XDP.
///
/// ```swift
/// let instance = try Instance(config: config, logger: logger)
/// let nf = try NetworkFunctionService(instance: instance, logger: logger) { _ in Echo() }
/// let group = ServiceGroup(configuration: .init(
///     services: [.init(service: nf, successTerminationBehavior: .gracefullyShutdownGroup)],
///     gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
/// try await group.run()
/// try instance.close()
/// ```
public final class NetworkFunctionService: Service, Sendable {
    /// The instance served.
    public let instance: Instance
    /// Its workers.
    public let workers: Workers
    /// Their metrics (ports, workers, pools), kept current while running.
    public let metrics: RuntimeMetrics
    private let start: @Sendable () throws(CNEError) -> Void
    private let logger: Logger
    private let phase = TracedMutex(Phase.created)

    private enum Phase { case created, running, stopped }

    /// A service running one worker per plan (by default one per `threads` entry that serves
    /// lports), each with a processor from `makeProcessor`.
    ///
    /// - Parameters:
    ///   - metricsFactory: where the metrics go (swift-metrics' global factory by default).
    /// - Throws: what ``Workers/init(instance:plans:burstSize:)`` throws for bad plans.
    public init<P: PacketProcessor & ~Copyable>(
        instance: Instance, plans: [WorkerPlan]? = nil, burstSize: Int = 64,
        logger: Logger = Logger(label: "cne.runtime"), metricsFactory: (any MetricsFactory)? = nil,
        makeProcessor: @escaping @Sendable (WorkerPlan) throws(CNEError) -> P
    ) throws(CNEError) {
        let workers = try Workers(instance: instance, plans: plans ?? WorkerPlan.plans(for: instance.config), burstSize: burstSize)
        self.instance = instance
        self.workers = workers
        self.logger = logger
        self.metrics = metricsFactory.map { RuntimeMetrics(instance: instance, workers: workers, factory: $0) }
            ?? RuntimeMetrics(instance: instance, workers: workers)
        // Made here, generic over P; run later. P's metatype is safe to share, but compilers
        // before SendableMetatype cannot say so, hence the box.
        let start = StartBox { () throws(CNEError) in try workers.start(makeProcessor) }
        self.start = { () throws(CNEError) in try start.run() }
    }

    /// True while every worker runs and none was asked to stop: the `/readyz` answer.
    public var isReady: Bool {
        phase.withLock { $0 == .running } && !workers.isStopping && workers.runningCount == workers.plans.count
    }

    /// False once a worker failed: the `/livez` answer.
    public var isLive: Bool { workers.failures.isEmpty }

    /// Asks the workers to stop (a duration or packet bound ran out); ``run()`` then returns.
    public func stop() { workers.stop() }

    /// Runs the workers until they stop; see the type's documentation.
    public func run() async throws {
        let first = phase.withLock { p -> Bool in
            defer { if p == .created { p = .running } }
            return p == .created
        }
        guard first else { throw CNEError.invalidArgument("NetworkFunctionService", "run() was already called") }
        try start()
        for plan in workers.plans {
            logger.info("worker started", metadata: [
                "worker": "\(plan.name)", "lports": "\(plan.lports.joined(separator: ","))",
                "group": "\(plan.group ?? "none")",
            ])
        }
        let workers = self.workers
        let metrics = self.metrics
        await withTaskCancellationOrGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                        workers.onFinish { _ in done.resume() }
                    }
                }
                group.addTask {
                    // The metrics once a second, until the workers end (this task is cancelled then).
                    while !Task.isCancelled {
                        metrics.update()
                        try? await Task.sleep(for: .seconds(1))
                    }
                }
                await group.next()
                group.cancelAll()
            }
        } onCancelOrGracefulShutdown: {
            workers.stop()
        }
        let failures = workers.wait()
        metrics.update()
        phase.withLock { $0 = .stopped }
        if let failure = failures.first {
            logger.error("worker failed", metadata: ["worker": "\(failure.worker)", "error": "\(failure.error)"])
            throw failure
        }
        logger.info("workers stopped")
    }
}

/// The workers' start, generic over the processor type, made in `init` and run in `run()`.
private struct StartBox: @unchecked Sendable {
    let run: () throws(CNEError) -> Void
}
