import ArgumentParser
import Glibc
import WireGuardCore

/// cne-wg: a WireGuard endpoint on WireGuardCore. This first mode runs the outer UDP on a
/// kernel socket and the inner side on a TUN device; the CNE-port mode follows.
@main
struct CNEWG: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cne-wg",
        abstract: "WireGuard endpoint on WireGuardCore (wg-quick config, TUN inner side)."
    )

    @Option(help: "wg-quick configuration file ([Interface] and [Peer] sections).")
    var config: String

    @Option(help: "The TUN device to create or open.")
    var tun: String = "wg0"

    @Option(help: "UDP port (overrides the config's ListenPort).")
    var listenPort: UInt16?

    @Option(help: "Stop after this many seconds (0: run until SIGINT/SIGTERM).")
    var duration: Double = 0

    @Flag(help: "Start a handshake with every peer at once (otherwise on first traffic).")
    var initiate = false

    func run() throws {
        let text: String
        do {
            text = try String(contentsOfFile: config, encoding: .utf8)
        } catch {
            throw ValidationError("cannot read \(config): \(error)")
        }
        let parsed: WireGuardConfig
        do {
            parsed = try WireGuardConfig(parsing: text)
        } catch {
            throw ValidationError("\(config): \(error.description)")
        }
        let device = WireGuardDevice(config: parsed)
        let port = listenPort ?? parsed.interface.listenPort ?? 51820
        installStopSignals()
        let socket = try UDPSocket(port: port)
        let tunDevice = try TunDevice(name: tun)
        print("cne-wg: interface \(tunDevice.name), UDP port \(port), public key \(device.publicKey.base64), \(device.peers.count) peer(s)")
        let endpoint = KernelUDPEndpoint(device: device, socket: socket, tun: tunDevice)
        let deadline = duration > 0 ? monotonicNow() + .milliseconds(Int64(duration * 1000)) : WireGuardTime(nanoseconds: .max)
        endpoint.run(until: deadline, initiate: initiate, status: StatusPrinter())
    }
}
