import ArgumentParser
import CNE
import CNEExampleSupport
#if canImport(Glibc)
import Glibc
#endif

/// `cne-fwd`: CNDP's forwarder (cndpfwd) modes on the safe API. One worker thread per
/// `threads` entry of type `fwd`, serving that entry's lports, pinned to its lcore group.
@main
struct CNEFwd: AsyncParsableCommand {
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

    func run() async throws {
        let program = "cne-fwd"
        let runner = ExampleRunner(program: program, options: options)
        let config = try runner.loadConfig()
        guard let modeName = mode ?? config.mode else {
            throw ExampleFailure.report("no mode: give --mode or options.mode (\(ForwardMode.names))", program: program)
        }
        guard let forwardMode = ForwardMode(name: modeName) else {
            throw ExampleFailure.report("unknown mode \"\(modeName)\" (expected one of: \(ForwardMode.names))", program: program)
        }
        let defaultName = defaultPort ?? config.options["default-port"]?.string
        if let defaultName, !config.lports.contains(where: { $0.name == defaultName }) {
            throw ExampleFailure.report("default port \"\(defaultName)\" is not an lport of the config", program: program)
        }
        let budget = forwardMode == .txOnly ? packets.map(PacketBudget.init(limit:)) : nil
        let destination = MACAddress(destinationMAC)!
        let (size, burst) = (self.size, self.burst)
        // Filled in once the instance is open (the ports' MAC addresses), before any worker starts.
        let routesBox = RoutesBox()
        var handled: (@Sendable (Workers) -> UInt64)? = nil
        if let budget { handled = { _ in budget.spent } }
        let setUp: (Instance, [WorkerPlan]) throws -> Void = { instance, plans in
            let defaultIndex = defaultName.flatMap { instance.port(named: $0)?.index }
            routesBox.routes = MACRoutes(ports: instance.ports, defaultPort: defaultIndex)
            routesBox.macs = Dictionary(uniqueKeysWithValues: instance.ports.map { ($0.name, $0.macAddress) })
            print("\(program): mode \(forwardMode.rawValue), \(plans.count) worker(s)")
            for plan in plans {
                let cpus = plan.group.map { "lcore group \"\($0)\"" } ?? "any CPU"
                print("\(program):   \(plan.name) on \(cpus): \(plan.lports.joined(separator: ", "))")
            }
        }
        let makeProcessor: @Sendable (WorkerPlan) throws(CNEError) -> ForwardProcessor = { plan in
            let macs = routesBox.macs
            let fallback = MACAddress(0x02, 0, 0, 0, 0, 0x01)
            let templates = plan.lports.map { name -> UDPFrameTemplate in
                let source: MACAddress = (macs[name] ?? nil) ?? fallback
                return UDPFrameTemplate(length: size, source: source, destination: destination)
            }
            return ForwardProcessor(
                mode: forwardMode, routes: routesBox.routes, budget: budget, burstSize: burst,
                portCount: macs.count, templates: templates)
        }
        try await runner.run(
            config: config, plans: WorkerPlan.plans(for: config, types: ["fwd"]), burstSize: burst,
            packetLimit: packets, handled: handled, setUp: setUp, makeProcessor: makeProcessor)
    }
}

/// What the workers' processors share, written once by the set-up before they start.
final class RoutesBox: @unchecked Sendable {
    // Unchecked: written on the main task before the workers start (thread creation orders
    // the write before their reads), read-only afterwards.
    var routes = MACRoutes(ports: [], defaultPort: nil)
    var macs: [String: MACAddress?] = [:]
}
