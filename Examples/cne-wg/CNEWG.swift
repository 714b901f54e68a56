import ArgumentParser
import CNE
import Glibc
import WireGuardCore

/// cne-wg: WireGuard on WireGuardCore. Endpoint mode runs the inner side on a TUN device and
/// the outer UDP on a kernel socket or a CNE port; gateway mode (`--clear-address`) runs
/// cleartext on one CNE port and ciphertext on another, with no TUN.
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

    @Option(help: "CNE port mode: our outer IPv4 or IPv6 address on that port (give both families with two --address; ARP and neighbour discovery are answered for them).")
    var address: [String] = []

    @Option(help: "Gateway mode (no TUN): our address and subnet on the clear port, e.g. 10.10.1.1/24 (and one IPv6, e.g. fd10::1/64). The port config's first lport is then the clear port, its second the cipher port (outer UDP, --address).")
    var clearAddress: [String] = []

    @Option(help: "Gateway mode: the router on a clear subnet for decrypted packets to other destinations (one per family).")
    var clearNextHop: [String] = []

    @Option(help: "Serve /metrics (Prometheus: per-peer counters, drops, ports), /livez and /readyz on this TCP port (0: off).")
    var metricsPort: UInt16 = 0

    @Option(help: "The address the metrics endpoint listens on.")
    var metricsAddress: String = "127.0.0.1"

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
        let server = try startMetrics(instance: nil)
        let endpoint = KernelUDPEndpoint(device: device, socket: socket, tun: tunDevice)
        endpoint.run(until: deadline, initiate: initiate, status: StatusPrinter(), uapi: uapi, listenPort: port,
                     metrics: server?.metrics)
    }

    func runOnCNEPort(device: WireGuardDevice, udpPort: UInt16, portConfig: String, deadline: WireGuardTime) throws {
        let addresses = address.compactMap { IPAddress($0) }
        let families = Set(addresses.map { if case .v4 = $0 { 4 } else { 6 } })
        guard !addresses.isEmpty, addresses.count == address.count, families.count == addresses.count else {
            throw ValidationError("--port-config needs --address <our outer IPv4 or IPv6 address> (at most one per family)")
        }
        let instance: Instance
        do {
            instance = try Instance(configFile: portConfig)
        } catch {
            throw ValidationError("\(portConfig): \(error)")
        }
        defer { try? instance.close() }
        if !clearAddress.isEmpty {
            try runGateway(device: device, instance: instance, udpPort: udpPort, outer: addresses, clearAddress: clearAddress,
                           deadline: deadline, portConfig: portConfig)
            return
        }
        guard let cnePort = instance.ports.first, let mac = cnePort.macAddress else {
            throw ValidationError("\(portConfig): no lport with a MAC address")
        }
        let tunDevice = try TunDevice(name: tun)
        print("cne-wg: interface \(tunDevice.name), port \(cnePort) \(mac), \(addresses.map(\.description).joined(separator: " ")) UDP \(udpPort), public key \(device.publicKey.base64), \(device.peers.count) peer(s)")
        let uapi = noUAPI ? nil : try UAPIServer(interface: tunDevice.name)
        let server = try startMetrics(instance: instance)
        let queues: ReceiveQueues
        do {
            queues = try instance.takeReceiveQueues([cnePort], owner: "cne-wg")
        } catch {
            throw ValidationError("cne-wg: \(error)")
        }
        let endpoint = CNEPortEndpoint(device: device, queues: queues, tun: tunDevice,
                                       link: OuterLink(port: cnePort, mac: mac, addresses: addresses, udpPort: udpPort))
        do {
            try instance.withRegisteredThread(named: "cne-wg") { thread throws(CNEError) in
                try endpoint.run(on: thread, until: deadline, initiate: initiate, status: StatusPrinter(), uapi: uapi,
                                 metrics: server?.metrics)
            }
        } catch {
            throw ValidationError("cne-wg: \(error)")
        }
    }

    /// Gateway mode: clear port and cipher port from the config, no TUN.
    func runGateway(device: WireGuardDevice, instance: Instance, udpPort: UInt16, outer: [IPAddress], clearAddress: [String],
                    deadline: WireGuardTime, portConfig: String) throws {
        guard let route = ClearRoute(addresses: clearAddress, nextHops: clearNextHop) else {
            throw ValidationError("--clear-address needs <address>/<prefix length>, one per family (and --clear-next-hop an address inside one of them)")
        }
        guard instance.ports.count == 2, let clearMAC = instance.ports[0].macAddress, let cipherMAC = instance.ports[1].macAddress else {
            throw ValidationError("\(portConfig): gateway mode needs two lports with MAC addresses (clear, then cipher)")
        }
        print("cne-wg: gateway \(tun), clear \(instance.ports[0]) \(clearMAC) \(clearAddress.joined(separator: " ")), cipher \(instance.ports[1]) \(cipherMAC) \(outer.map(\.description).joined(separator: " ")) UDP \(udpPort), public key \(device.publicKey.base64), \(device.peers.count) peer(s)")
        let uapi = noUAPI ? nil : try UAPIServer(interface: tun)
        let server = try startMetrics(instance: instance)
        let queues: ReceiveQueues
        do {
            queues = try instance.takeReceiveQueues(instance.ports, owner: "cne-wg gateway")
        } catch {
            throw ValidationError("cne-wg: \(error)")
        }
        let gateway = Gateway(device: device, queues: queues, outerAddresses: outer, udpPort: udpPort,
                              clearMAC: clearMAC, cipherMAC: cipherMAC, route: route)
        fflush(nil)
        do {
            try instance.withRegisteredThread(named: "cne-wg") { thread throws(CNEError) in
                try gateway.run(on: thread, until: deadline, initiate: initiate, status: StatusPrinter(), uapi: uapi,
                                metrics: server?.metrics)
            }
        } catch {
            throw ValidationError("cne-wg: \(error)")
        }
    }

    func startMetrics(instance: Instance?) throws -> MetricsServer? {
        guard metricsPort != 0 else { return nil }
        do {
            return try MetricsServer(address: metricsAddress, port: metricsPort, instance: instance)
        } catch {
            throw ValidationError("cne-wg: metrics endpoint: \(error)")
        }
    }
}
