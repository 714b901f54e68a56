import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The worker threads of an instance: one per ``WorkerPlan``, each pinned to its lcore group,
/// owning the receive side of its lports (``ReceiveQueues``) and running a
/// ``PacketProcessor`` over them.
///
/// The packet path is synchronous, on plain POSIX threads (CNDP's shape: no task executor
/// between the rings and the logic). ``stop()`` asks every worker to finish its pass, push
/// out what it sent (``Port/drainTransmit(on:timeout:)``) and free what it held; then the
/// instance can close, which returns the buffers and detaches XDP. A worker that fails
/// stops the others, and ``failures`` says which and why. The async face, for
/// swift-service-lifecycle, is `CNERuntime`'s `NetworkFunctionService`.
public final class Workers: Sendable {
    /// The instance whose ports the workers serve.
    public let instance: Instance
    /// One plan per worker, in start order.
    public let plans: [WorkerPlan]
    /// Each worker's counters, in the order of ``plans``.
    public let stats: [WorkerStats]
    /// Packets per receive.
    public let burstSize: Int

    private let wakeup: StopEvent
    private let state = TracedMutex(State())

    private struct State {
        var threads: [WorkerThread] = []
        var running = 0
        var started = false
        var joined = false
        var failures: [WorkerFailure] = []
        var onFinish: [@Sendable ([WorkerFailure]) -> Void] = []
    }

    /// Workers for `plans` over `instance`'s ports; nothing starts until ``start(_:)``.
    ///
    /// - Throws: ``CNEError/Code/invalidArgument`` when a plan names an lport or lcore group
    ///   the config does not have, or two plans name one lport (an RX ring has one consumer);
    ///   a system error when the stop event cannot be made.
    public init(instance: Instance, plans: [WorkerPlan], burstSize: Int = 64) throws(CNEError) {
        guard (1...PacketBurst.maxCapacity).contains(burstSize) else {
            throw CNEError(.runtime(.invalidArgument), context: "Workers", message: "burst size \(burstSize) is out of range 1...\(PacketBurst.maxCapacity)")
        }
        var owners: [String: String] = [:]
        for plan in plans {
            if let group = plan.group, !instance.config.lcoreGroups.contains(where: { $0.name == group }) {
                throw CNEError(.runtime(.invalidArgument), context: plan.name, message: "no lcore group \(ConfigText.quoted(group)) in the config")
            }
            for name in plan.lports {
                guard instance.port(named: name) != nil else {
                    throw CNEError(.runtime(.invalidArgument), context: plan.name, message: "no lport \(ConfigText.quoted(name)) in the config")
                }
                if let owner = owners[name] {
                    throw CNEError(
                        .runtime(.invalidArgument), context: plan.name,
                        message: "lport \(ConfigText.quoted(name)) is already received by worker \(ConfigText.quoted(owner)) (an RX ring has one consumer)")
                }
                owners[name] = plan.name
            }
        }
        self.instance = instance
        self.plans = plans
        self.stats = plans.map { WorkerStats(name: $0.name) }
        self.burstSize = burstSize
        self.wakeup = try StopEvent()
    }

    /// Starts one thread per plan, each running a processor that `makeProcessor` makes on
    /// that thread. Call once.
    ///
    /// - Throws: ``CNEError/Code/busy`` when already started; a system error when a thread
    ///   cannot be created (the ones started are stopped).
    public func start<P: PacketProcessor & ~Copyable>(
        _ makeProcessor: @escaping @Sendable (WorkerPlan) throws(CNEError) -> P
    ) throws(CNEError) {
        try state.withLock { (s) throws(CNEError) in
            guard !s.started else { throw CNEError(.runtime(.busy), context: "Workers", message: "already started") }
            s.started = true
            s.running = plans.count
        }
        if plans.isEmpty { finish(nil) }
        // The body is generic over P; its metatype is safe to share between threads, but
        // compilers before SendableMetatype cannot say so, so it travels in a box.
        let body = MetatypeBox { [self] (plan: WorkerPlan, stats: WorkerStats) in
            self.runWorker(plan, stats: stats, makeProcessor)
        }
        for (index, plan) in plans.enumerated() {
            let stats = self.stats[index]
            guard let thread = WorkerThread({ [self] in
                self.finish(body.run(plan, stats))
            }) else {
                let error = errno
                state.withLock { $0.running -= plans.count - index }
                stop()
                throw .system(error, "pthread_create", "cannot start worker \(ConfigText.quoted(plan.name))")
            }
            state.withLock { $0.threads.append(thread) }
        }
    }

    /// Asks every worker to stop after its current pass; returns at once (see ``wait()``).
    public func stop() { wakeup.raise() }

    /// True once ``stop()`` was called (or a worker failed).
    public var isStopping: Bool { wakeup.isRaised }

    /// Waits for every worker to finish (after ``stop()``, or a failure), then returns what failed.
    @discardableResult
    public func wait() -> [WorkerFailure] {
        let threads = state.withLock { s -> [WorkerThread] in
            if s.joined { return [] }
            s.joined = true
            return s.threads
        }
        for thread in threads { thread.join() }
        return failures
    }

    /// The workers that failed, with their errors, in the order they failed.
    public var failures: [WorkerFailure] { state.withLock { $0.failures } }

    /// How many workers are still running.
    public var runningCount: Int { state.withLock { $0.running } }

    /// Calls `body` once every worker has finished (at once when they already have), on the
    /// last worker's thread.
    public func onFinish(_ body: @escaping @Sendable ([WorkerFailure]) -> Void) {
        let done = state.withLock { s -> [WorkerFailure]? in
            if s.started && s.running == 0 { return s.failures }
            s.onFinish.append(body)
            return nil
        }
        if let done { body(done) }
    }

    private func finish(_ failure: WorkerFailure?) {
        if failure != nil { stop() }
        let callbacks = state.withLock { s -> ([@Sendable ([WorkerFailure]) -> Void], [WorkerFailure]) in
            if let failure { s.failures.append(failure) }
            if s.running > 0 { s.running -= 1 }
            guard s.running == 0 else { return ([], []) }
            defer { s.onFinish = [] }
            return (s.onFinish, s.failures)
        }
        for callback in callbacks.0 { callback(callbacks.1) }
    }

    /// One worker's whole life on its thread: register and pin, take its queues, loop, drain.
    private func runWorker<P: PacketProcessor & ~Copyable>(
        _ plan: WorkerPlan, stats: WorkerStats, _ makeProcessor: @Sendable (WorkerPlan) throws(CNEError) -> P
    ) -> WorkerFailure? {
        let instance = self.instance
        let receivePorts = plan.lports.compactMap { instance.port(named: $0) }
        do throws(CNEError) {
            try instance.withOwnedRegistration(named: plan.name, group: plan.group) { (thread) throws(CNEError) in
                let queues = try instance.takeReceiveQueues(receivePorts, owner: plan.name)
                var processor = try makeProcessor(plan)
                let worker = Worker(name: plan.name, thread: thread, ports: instance.ports, receivePorts: receivePorts, stats: stats)
                var loop = WorkerLoop(policy: plan.idle, burstSize: burstSize, wakeup: wakeup, queues: queues)
                defer { Port.drainTransmit(instance.ports, on: worker.thread) }
                try loop.run(&processor, queues: queues, worker: worker)
            }
            return nil
        } catch {
            return WorkerFailure(worker: plan.name, error: error)
        }
    }
}

/// A worker's body, generic over its processor type, made in `start` and run on its thread.
private struct MetatypeBox: @unchecked Sendable {
    let run: (WorkerPlan, WorkerStats) -> WorkerFailure?
}

/// A worker that stopped on an error.
public struct WorkerFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The worker's name.
    public let worker: String
    /// What stopped it.
    public let error: CNEError

    /// `worker fwd:0: error: ...`.
    public var description: String { "worker \(ConfigText.quoted(worker)): \(error)" }
}
