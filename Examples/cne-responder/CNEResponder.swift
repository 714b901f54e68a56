import ArgumentParser
import CNE
import CNEExampleSupport
#if canImport(Glibc)
import Glibc
#endif

/// `cne-responder`: answers ARP and ICMP echo for its IPv4 addresses, neighbour solicitation
/// and ICMPv6 echo for its IPv6 addresses, on every port of a config; counts everything else.
@main
struct CNEResponder: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cne-responder",
        abstract: "Answer ARP, ICMP echo, neighbour solicitation and ICMPv6 echo for the given addresses.")

    @OptionGroup var options: ExampleOptions

    @Option(name: .customLong("ipv4"), help: "An IPv4 address to answer for (repeatable).")
    var ipv4: [String] = []

    @Option(name: .customLong("ipv6"), help: "An IPv6 address to answer for (repeatable).")
    var ipv6: [String] = []

    @Option(help: "The MAC address to answer with (default: each port's own).")
    var mac: String?

    @Option(help: "Packets per receive burst (1...1024).")
    var burst = 64

    func validate() throws {
        guard !ipv4.isEmpty || !ipv6.isEmpty else { throw ValidationError("give at least one --ipv4 or --ipv6") }
        for a in ipv4 where IPv4Address(a) == nil { throw ValidationError("--ipv4 \(a): not an IPv4 address") }
        for a in ipv6 where IPv6Address(a) == nil { throw ValidationError("--ipv6 \(a): not an IPv6 address") }
        if let mac, MACAddress(mac) == nil { throw ValidationError("--mac \(mac): not a MAC address") }
        guard (1...1024).contains(burst) else { throw ValidationError("--burst must be 1...1024") }
    }

    func run() throws {
        StopSignal.install()
        let instance: Instance
        do {
            let config = try CNEConfig(contentsOf: options.config)
            if let missing = InterfaceCheck.missingInterface(in: config) {
                throw ExampleFailure.report(missing, program: "cne-responder")
            }
            instance = try Instance(config: config)
        } catch let error as CNEError {
            throw ExampleFailure.report(error, program: "cne-responder")
        }
        let v4 = Set(ipv4.compactMap { IPv4Address($0) })
        let v6 = Set(ipv6.compactMap { IPv6Address($0) })
        let responders = instance.ports.map { port in
            Responder(ipv4: v4, ipv6: v6, mac: mac.flatMap { MACAddress($0) } ?? port.macAddress ?? MACAddress(2, 0, 0, 0, 0, 1))
        }
        for (port, r) in zip(instance.ports, responders) {
            print("cne-responder: \(port) as \(r.mac) for \((v4.map(\.description) + v6.map(\.description)).sorted().joined(separator: ", "))")
        }
        print("cne-responder: ready")
        fflush(nil)

        let drops = DropCounters(portCount: instance.ports.count)
        var counts = TrafficCounts()
        let loop = ResponderLoop(ports: instance.ports, responders: responders, burstSize: burst, drops: drops)
        let deadline = options.duration.map { MonotonicClock.now() + $0 }
        var failure: CNEError? = nil
        do {
            try instance.withRegisteredThread(named: "responder") { thread throws(CNEError) in
                try loop.run(on: thread, until: deadline, quiet: options.quiet, counts: &counts)
            }
        } catch {
            failure = error
        }
        counts.printSummary()
        StatsTable(ports: instance.ports, drops: drops).printSummary()
        PoolReport.print(instance)
        do {
            try instance.close()
        } catch {
            throw ExampleFailure.report(error, program: "cne-responder")
        }
        if let failure { throw ExampleFailure.report(failure, program: "cne-responder") }
        print("cne-responder: stopped (\(StopSignal.caughtSignal.map { "signal \($0)" } ?? "bound reached")); ports closed")
    }
}
