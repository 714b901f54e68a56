import ArgumentParser
import CNE
import CNEExampleSupport

/// `cne-echo`: an echo server. Every frame received on any port of the config goes back out
/// of the same port with its MAC addresses swapped. AF_XDP or AF_PACKET is the config's
/// choice (each lport's `pmd`); the code is the same. The runtime starts one worker per
/// `threads` entry that serves lports (one for every port when there is none).
@main
struct CNEEcho: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cne-echo",
        abstract: "Echo every frame back to its sender (MAC swap) on every port of a CNDP config.")

    @OptionGroup var options: ExampleOptions

    @Option(help: "Packets per receive burst (1...1024).")
    var burst = 64

    @Option(help: "Stop after echoing about this many packets.")
    var packets: UInt64?

    func validate() throws {
        guard (1...1024).contains(burst) else { throw ValidationError("--burst must be 1...1024") }
    }

    func run() async throws {
        let runner = ExampleRunner(program: "cne-echo", options: options)
        let config = try runner.loadConfig()
        try await runner.run(
            config: config, burstSize: burst, packetLimit: packets,
            setUp: { instance, _ in
                print("cne-echo: echoing on \(instance.ports.map(\.description).joined(separator: ", "))")
            },
            makeProcessor: { _ in Echo() })
    }
}

/// The whole network function: swap the MAC addresses, send the burst back.
struct Echo: PacketProcessor {
    mutating func process(_ burst: inout PacketBurst, from port: Port, worker: borrowing Worker) throws(CNEError) {
        burst.forEach { packet in packet.swapMACAddresses() }
        try worker.send(&burst, on: port)
    }
}
