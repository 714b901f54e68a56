import ArgumentParser
import CNE
import CNEExampleSupport
#if canImport(Glibc)
import Glibc
#endif

/// `cne-fwd`: CNDP's forwarder (cndpfwd) modes on the safe API. One worker thread per
/// `threads` entry of type `fwd`, serving that entry's lports, pinned to its lcore group.
@main
struct CNEFwd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cne-fwd",
        abstract: "CNDP's forwarder modes: drop/rx-only, tx-only, lb/loopback, fwd.",
        discussion: """
            The mode comes from --mode, else the config's options.mode. In fwd mode a frame goes \
            out of the port whose MAC address is its destination, else out of the default port \
            (--default-port, else options.default-port), else it is dropped.
            """)

    @OptionGroup var options: ExampleOptions

    @Option(help: "drop | rx-only | tx-only | lb | loopback | fwd (default: the config's options.mode).")
    var mode: String?

    @Option(help: "Packets per burst (1...1024).")
    var burst = 64

    @Option(help: "Stop after handling this many packets (all workers together).")
    var packets: UInt64?

    @Option(help: "tx-only: frame length in bytes, without the FCS (46...1514).")
    var size = 64

    @Option(name: .customLong("dst-mac"), help: "tx-only: destination MAC address.")
    var destinationMAC = "ff:ff:ff:ff:ff:ff"

    @Option(name: .customLong("default-port"), help: "fwd: the lport for destinations no port owns.")
    var defaultPort: String?

    func validate() throws {
        guard (1...1024).contains(burst) else { throw ValidationError("--burst must be 1...1024") }
        guard (UDPFrameTemplate.minimumLength...1514).contains(size) else {
            throw ValidationError("--size must be \(UDPFrameTemplate.minimumLength)...1514")
        }
        guard MACAddress(destinationMAC) != nil else { throw ValidationError("--dst-mac must look like 02:00:00:00:00:01") }
    }

    func run() throws {
        StopSignal.install()
        let program = "cne-fwd"
        let config: CNEConfig
        do {
            config = try CNEConfig(contentsOf: options.config)
        } catch {
            throw ExampleFailure.report(error, program: program)
        }
        guard let modeName = mode ?? config.mode else {
            throw ExampleFailure.report("no mode: give --mode or options.mode (\(ForwardMode.names))", program: program)
        }
        guard let forwardMode = ForwardMode(name: modeName) else {
            throw ExampleFailure.report("unknown mode \"\(modeName)\" (expected one of: \(ForwardMode.names))", program: program)
        }
        if let missing = InterfaceCheck.missingInterface(in: config) {
            throw ExampleFailure.report(missing, program: program)
        }
        let plans: [WorkerPlan]
        do {
            plans = try WorkerPlan.plans(for: config)
        } catch {
            throw ExampleFailure.report(error.message, program: program)
        }

        let instance: Instance
        do {
            instance = try Instance(config: config)
        } catch {
            throw ExampleFailure.report(error, program: program)
        }
        let ports = instance.ports
        var defaultIndex: Int? = nil
        if let name = defaultPort ?? config.options["default-port"]?.string {
            guard let port = instance.port(named: name) else {
                try? instance.close()
                throw ExampleFailure.report("default port \"\(name)\" is not an lport of the config", program: program)
            }
            defaultIndex = port.index
        }

        let drops = DropCounters(portCount: ports.count)
        let errors = WorkerErrors()
        let budget = packets.map(PacketBudget.init(limit:))
        let routes = MACRoutes(ports: ports, defaultPort: defaultIndex)
        let destination = MACAddress(destinationMAC)!
        var workers: [WorkerThread] = []
        print("\(program): mode \(forwardMode.rawValue), \(plans.count) worker(s)")
        for plan in plans {
            let served = plan.portIndexes.map { ports[$0] }
            let forwarder = Forwarder(
                name: plan.name, served: served, allPorts: ports, mode: forwardMode, burstSize: burst,
                routes: routes,
                templates: served.map {
                    UDPFrameTemplate(length: size, source: $0.macAddress ?? MACAddress(0x02, 0, 0, 0, 0, 0x01), destination: destination)
                },
                drops: drops, budget: budget)
            print("\(program):   \(plan.name) on \(plan.group.map { "lcore group \"\($0)\"" } ?? "any CPU"): \(served.map(\.name).joined(separator: ", "))")
            guard let worker = WorkerThread({
                do {
                    try instance.withRegisteredThread(named: plan.name, group: plan.group) { thread throws(CNEError) in
                        try forwarder.run(on: thread)
                    }
                } catch {
                    errors.record("\(error)", worker: plan.name)
                }
            }) else {
                errors.record("error: cannot start the thread", worker: plan.name)
                break
            }
            workers.append(worker)
        }
        print("\(program): ready")
        fflush(nil)

        // The main thread reports once a second until a signal, the duration or a bound.
        var table = StatsTable(ports: ports, drops: drops)
        let deadline = options.duration.map { MonotonicClock.now() + $0 }
        var nextReport = MonotonicClock.now() + 1
        while !StopSignal.isRaised {
            usleep(50_000)
            let now = MonotonicClock.now()
            if let deadline, now >= deadline { StopSignal.raise() }
            if now >= nextReport && !StopSignal.isRaised {
                if !options.quiet { table.printRows() }
                nextReport = now + 1
            }
        }
        StopSignal.raise()
        for worker in workers { worker.join() }

        table.printSummary()
        PoolReport.print(instance)
        do {
            try instance.close()
        } catch {
            throw ExampleFailure.report(error, program: program)
        }
        if let first = errors.all.first {
            ExampleFailure.printError("\(program): \(first.worker): \(first.message)")
            throw ExitCode(1)
        }
        print("\(program): stopped (\(StopSignal.caughtSignal.map { "signal \($0)" } ?? "bound reached")); ports closed")
    }
}
