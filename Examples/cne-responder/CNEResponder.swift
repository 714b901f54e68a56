import ArgumentParser
import CNE
import CNEExampleSupport
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// `cne-responder`: answers ARP and ICMP echo for its IPv4 addresses, neighbour solicitation
/// and ICMPv6 echo for its IPv6 addresses, on every port of a config; counts everything else.
@main
struct CNEResponder: AsyncParsableCommand {
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

    func run() async throws {
        let runner = ExampleRunner(program: "cne-responder", options: options)
        let config = try runner.loadConfig()
        let v4 = Set(ipv4.compactMap { IPv4Address($0) })
        let v6 = Set(ipv6.compactMap { IPv6Address($0) })
        let answerMAC = mac.flatMap { MACAddress($0) }
        let addresses = (v4.map(\.description) + v6.map(\.description)).sorted().joined(separator: ", ")
        let totals = TrafficTotals()
        // Filled in once the instance is open (each port answers with its own MAC), before
        // any worker makes its processor.
        let responders = ResponderTable()
        let printRow: @Sendable (Int) -> Void = { second in totals.printRow(second: second) }
        let everySecond = options.quiet ? nil : printRow
        try await runner.run(
            config: config, burstSize: burst, packetLimit: nil,
            everySecond: everySecond,
            setUp: { instance, _ in
                let table = instance.ports.map { port in
                    Responder(ipv4: v4, ipv6: v6, mac: answerMAC ?? port.macAddress ?? MACAddress(2, 0, 0, 0, 0, 1))
                }
                responders.set(table)
                for (port, r) in zip(instance.ports, table) {
                    print("cne-responder: \(port) as \(r.mac) for \(addresses)")
                }
            },
            atStop: { totals.printSummary() },
            makeProcessor: { (_) throws(CNEError) -> ResponderProcessor in
                ResponderProcessor(responders: responders.get(), totals: totals)
            })
    }
}

/// The responders by port index, set once when the instance is open.
final class ResponderTable: Sendable {
    private let table = Mutex<[Responder]>([])
    func set(_ responders: [Responder]) { table.withLock { $0 = responders } }
    func get() -> [Responder] { table.withLock { $0 } }
}
