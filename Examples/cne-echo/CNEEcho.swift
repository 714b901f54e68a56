import ArgumentParser
import CNE
import CNEExampleSupport
#if canImport(Glibc)
import Glibc
#endif

/// `cne-echo`: an echo server. Every frame received on any port of the config goes back out
/// of the same port with its MAC addresses swapped. AF_XDP or AF_PACKET is the config's
/// choice (each lport's `pmd`); the code is the same.
@main
struct CNEEcho: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cne-echo",
        abstract: "Echo every frame back to its sender (MAC swap) on every port of a CNDP config.")

    @OptionGroup var options: ExampleOptions

    @Option(help: "Packets per receive burst (1...1024).")
    var burst = 64

    @Option(help: "Stop after echoing this many packets.")
    var packets: UInt64?

    func validate() throws {
        guard (1...1024).contains(burst) else { throw ValidationError("--burst must be 1...1024") }
    }

    func run() throws {
        StopSignal.install()
        // 1. The config: a bad one stops here with `file:line:column: error: ...`.
        var config: CNEConfig
        do {
            config = try CNEConfig(contentsOf: options.config)
        } catch {
            throw ExampleFailure.report(error, program: "cne-echo")
        }
        // In a pod: lports named "AFXDP_DEVICES:<suffix>" become one per device the AF_XDP
        // device plugin gave it (AFXDP_DEVICES_<POOL>), with its socket or pinned map.
        if !config.devicePluginTemplates.isEmpty {
            do {
                config = try config.expandingDevicePluginPorts(DevicePluginEnvironment())
            } catch {
                throw ExampleFailure.report(error.message, program: "cne-echo")
            }
        }
        if let missing = InterfaceCheck.missingInterface(in: config) {
            throw ExampleFailure.report(missing, program: "cne-echo")
        }
        // 2. The instance: memory, buffer pools, one socket per lport (and its XDP program).
        let instance: Instance
        do {
            instance = try Instance(config: config)
        } catch {
            throw ExampleFailure.report(error, program: "cne-echo")
        }
        print("cne-echo: echoing on \(instance.ports.map(\.description).joined(separator: ", "))")
        print("cne-echo: ready")
        fflush(nil)

        // 3. The loop, on this thread, registered with the core.
        let drops = DropCounters(portCount: instance.ports.count)
        var table = StatsTable(ports: instance.ports, drops: drops)
        let loop = EchoLoop(ports: instance.ports, burstSize: burst, drops: drops)
        let deadline = options.duration.map { MonotonicClock.now() + $0 }
        var failure: CNEError? = nil
        do {
            try instance.withRegisteredThread(named: "echo") { thread throws(CNEError) in
                try loop.run(on: thread, until: deadline, packetLimit: packets, quiet: options.quiet, table: &table)
            }
        } catch {
            failure = error
        }

        // 4. Stop: the summary, then close (sockets, XDP programs, pools, memory).
        table.printSummary()
        PoolReport.print(instance)
        do {
            try instance.close()
        } catch {
            throw ExampleFailure.report(error, program: "cne-echo")
        }
        if let failure { throw ExampleFailure.report(failure, program: "cne-echo") }
        print("cne-echo: stopped (\(StopSignal.caughtSignal.map { "signal \($0)" } ?? "bound reached")); ports closed")
    }
}
