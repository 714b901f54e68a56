import ArgumentParser
import CNE
import CNERuntime
import Logging
import Metrics
import Prometheus
import ServiceLifecycle
#if canImport(Glibc)
import Glibc
#endif

/// What every example does around its packet logic: load the config, open the instance,
/// run the workers as a service beside the metrics endpoint and the per-second table until
/// SIGINT, SIGTERM, the duration or the packet bound, then print the summary and close.
public struct ExampleRunner: Sendable {
    /// The program's name, for messages.
    public let program: String
    /// Its common options.
    public let options: ExampleOptions

    /// A runner for `program`.
    public init(program: String, options: ExampleOptions) {
        self.program = program
        self.options = options
    }

    /// Loads the config; a bad one ends the program with `file:line:column: error: ...`.
    /// In a pod, lports named `AFXDP_DEVICES:<suffix>` become one per device the AF_XDP
    /// device plugin gave it (`AFXDP_DEVICES_<POOL>`), with its socket or pinned map.
    public func loadConfig() throws -> CNEConfig {
        var config: CNEConfig
        do {
            config = try CNEConfig(contentsOf: options.config)
        } catch {
            throw ExampleFailure.report(error, program: program)
        }
        if !config.devicePluginTemplates.isEmpty {
            do {
                config = try config.expandingDevicePluginPorts(DevicePluginEnvironment())
            } catch {
                throw ExampleFailure.report(error.message, program: program)
            }
        }
        return config
    }

    /// Opens the instance of `config`, runs one worker per plan with a processor from
    /// `makeProcessor`, and stops as described above.
    ///
    /// - Parameters:
    ///   - plans: the workers (default: one per `threads` entry serving lports).
    ///   - packetLimit: stop once the workers together received (or `handled` counts) this many.
    ///   - handled: the packets handled so far, for the bound (default: received packets).
    ///   - everySecond: prints the example's own row once a second (with the elapsed seconds),
    ///     beside the port table.
    ///   - setUp: runs on the open instance before the workers start (print, resolve ports).
    ///   - atStop: prints the example's own summary once the workers have stopped.
    public func run<P: PacketProcessor & ~Copyable>(
        config: CNEConfig, plans: [WorkerPlan]? = nil, burstSize: Int, packetLimit: UInt64?,
        handled: (@Sendable (Workers) -> UInt64)? = nil,
        everySecond: (@Sendable (Int) -> Void)? = nil,
        setUp: (Instance, [WorkerPlan]) throws -> Void = { _, _ in },
        atStop: () -> Void = {},
        makeProcessor: @escaping @Sendable (WorkerPlan) throws(CNEError) -> P
    ) async throws {
        var logger = Logger(label: program)
        // Warnings (the config's among them) and errors; libbpf's and libxdp's notices stay quiet.
        logger.logLevel = .warning
        let instance: Instance
        do {
            instance = try Instance(config: config, logger: logger)
        } catch {
            throw ExampleFailure.report(error, program: program)
        }
        let registry = PrometheusCollectorRegistry()
        let nf: NetworkFunctionService
        do {
            nf = try NetworkFunctionService(
                instance: instance, plans: plans, burstSize: burstSize, logger: logger,
                metricsFactory: PrometheusMetricsFactory(registry: registry), makeProcessor: makeProcessor)
            try setUp(instance, nf.workers.plans)
        } catch let error as CNEError {
            try? instance.close()
            throw ExampleFailure.report(error, program: program)
        }
        // The workers may stop on their own (a bound, a failure): then the group shuts down.
        var services = [ServiceGroupConfiguration.ServiceConfiguration(service: nf, successTerminationBehavior: .gracefullyShutdownGroup)]
        if options.metricsPort != 0 {
            let endpoint = MetricsEndpoint(
                address: options.metricsAddress, port: options.metricsPort, registry: registry, logger: logger,
                isLive: { nf.isLive }, isReady: { nf.isReady }, beforeScrape: { nf.metrics.update() })
            do {
                try endpoint.bind()
            } catch {
                try? instance.close()
                throw ExampleFailure.report(error, program: program)
            }
            print("\(program): metrics on http://\(options.metricsAddress):\(endpoint.port ?? 0)/metrics")
            services.append(.init(service: endpoint))
        }
        let ticker = Ticker(
            nf: nf, duration: options.duration, packetLimit: packetLimit, handled: handled, quiet: options.quiet,
            everySecond: everySecond)
        services.append(.init(service: ticker, successTerminationBehavior: .ignore))
        // The summary's clock starts here: its mean rates are over the run, not since the stop.
        let summary = StatsTable(ports: instance.ports, workers: nf.workers)
        print("\(program): ready")
        fflush(nil)

        let group = ServiceGroup(
            configuration: .init(
                services: services,
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        var failure: (any Error)? = nil
        do {
            try await group.run()
        } catch {
            failure = error
        }

        atStop()
        summary.printSummary()
        for line in PoolReport.lines(instance) { print(line) }
        do {
            try instance.close()
        } catch {
            throw ExampleFailure.report(error, program: program)
        }
        print("\(program): \(instance.buffersOutAtClose ?? -1) buffers out after the ports closed")
        if let failure {
            ExampleFailure.printError("\(program): \(failure)")
            throw ExitCode(1)
        }
        print("\(program): stopped; ports closed")
    }
}

/// The per-second table, the duration and the packet bound, as a service beside the workers.
private struct Ticker: Service {
    let nf: NetworkFunctionService
    let duration: Double?
    let packetLimit: UInt64?
    let handled: (@Sendable (Workers) -> UInt64)?
    let quiet: Bool
    let everySecond: (@Sendable (Int) -> Void)?

    func run() async throws {
        let start = MonotonicSeconds.now()
        var table = StatsTable(ports: nf.instance.ports, workers: nf.workers)
        var nextRow = start + 1
        let rows = !quiet || everySecond != nil
        while !Task.isCancelled && !Task.isShuttingDownGracefully && !nf.workers.isStopping {
            // Sleep until the next thing due: a row, the end of the duration, or (with a packet
            // bound, which no event announces) the next count in 20 ms. With none of them, until
            // the group shuts down. A shutdown (a signal, the workers' end) or a cancellation
            // (a failure) ends the sleep early, so an idle NF does not wake 50 times a second.
            var wake = Double.infinity
            if packetLimit != nil { wake = MonotonicSeconds.now() + 0.02 }
            if rows { wake = min(wake, nextRow) }
            if let duration { wake = min(wake, start + duration) }
            let seconds = wake.isFinite ? max(0, wake - MonotonicSeconds.now()) : 3600
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(seconds)) }
            let now = MonotonicSeconds.now()
            var bounded = false
            if let duration, now - start >= duration { bounded = true }
            if let packetLimit {
                let count = handled?(nf.workers) ?? nf.workers.stats.reduce(0) { $0 + $1.receivedPackets }
                if count >= packetLimit { bounded = true }
            }
            if bounded {
                // Stopping the workers ends their service, which shuts the group down.
                nf.stop()
                return
            }
            if now >= nextRow {
                if !quiet { table.printRows() }
                everySecond?(Int((now - start).rounded()))
                nextRow = now + 1
            }
        }
        // A signal: the group stops the workers in its own order (this service first).
    }
}

/// Seconds on the monotonic clock.
enum MonotonicSeconds {
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}
