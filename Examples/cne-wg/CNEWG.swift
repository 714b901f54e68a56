import ArgumentParser
import CNE
import Glibc
import WireGuardCore

/// cne-wg: a WireGuard endpoint on WireGuardCore. This first mode runs the outer UDP on a
/// kernel socket and the inner side on a TUN device; the CNE-port mode follows.
@main
struct CNEWG: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cne-wg",
        abstract: "WireGuard endpoint on WireGuardCore (wg-quick config, TUN inner side).",
        discussion: "SIGINT/SIGTERM stop it; SIGUSR1 starts a new handshake with every peer (a forced rekey)."
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

    @Flag(help: "Do not serve the UAPI socket /var/run/wireguard/<tun>.sock (which `wg show` reads).")
    var noUAPI = false

    @Option(help: "CNE port mode: a CNDP JSON-C config whose first lport carries the outer UDP (AF_XDP or AF_PACKET). Without it, a kernel UDP socket does.")
    var portConfig: String?

    @Option(help: "CNE port mode: our outer IPv4 address on that port (ARP is answered for it).")
    var address: String?

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
        let deadline = duration > 0 ? monotonicNow() + .milliseconds(Int64(duration * 1000)) : WireGuardTime(nanoseconds: .max)
        if let portConfig {
            try runOnCNEPort(device: device, udpPort: port, portConfig: portConfig, deadline: deadline)
            return
        }
        let socket = try UDPSocket(port: port)
        let tunDevice = try TunDevice(name: tun)
        print("cne-wg: interface \(tunDevice.name), UDP port \(port), public key \(device.publicKey.base64), \(device.peers.count) peer(s)")
        let uapi = noUAPI ? nil : try UAPIServer(interface: tunDevice.name)
        let endpoint = KernelUDPEndpoint(device: device, socket: socket, tun: tunDevice)
        endpoint.run(until: deadline, initiate: initiate, status: StatusPrinter(), uapi: uapi, listenPort: port)
    }

    func runOnCNEPort(device: WireGuardDevice, udpPort: UInt16, portConfig: String, deadline: WireGuardTime) throws {
        guard let address, let ip = IPAddress(address), case .v4 = ip else {
            throw ValidationError("--port-config needs --address <our outer IPv4 address>")
        }
        let instance: Instance
        do {
            instance = try Instance(configFile: portConfig)
        } catch {
            throw ValidationError("\(portConfig): \(error)")
        }
        defer { try? instance.close() }
        guard let cnePort = instance.ports.first, let mac = cnePort.macAddress else {
            throw ValidationError("\(portConfig): no lport with a MAC address")
        }
        let tunDevice = try TunDevice(name: tun)
        print("cne-wg: interface \(tunDevice.name), port \(cnePort) \(mac), \(ip):\(udpPort), public key \(device.publicKey.base64), \(device.peers.count) peer(s)")
        let uapi = noUAPI ? nil : try UAPIServer(interface: tunDevice.name)
        let queues: ReceiveQueues
        do {
            queues = try instance.takeReceiveQueues([cnePort], owner: "cne-wg")
        } catch {
            throw ValidationError("cne-wg: \(error)")
        }
        let endpoint = CNEPortEndpoint(device: device, queues: queues, tun: tunDevice,
                                       local: Endpoint(address: ip, port: udpPort), localMAC: mac)
        do {
            try instance.withRegisteredThread(named: "cne-wg") { thread throws(CNEError) in
                try endpoint.run(on: thread, until: deadline, initiate: initiate, status: StatusPrinter(), uapi: uapi)
            }
        } catch {
            throw ValidationError("cne-wg: \(error)")
        }
    }
}
