import CNE
import WireGuardCore

/// The cleartext side of gateway mode: frames from the hosts the gateway serves, read with the
/// protocol toolkit. ARP and neighbour discovery for the gateway's own addresses go to the
/// clear side's ``OuterLink`` (answered, learnt); IPv4 and IPv6 packets sent to the gateway's MAC (it is
/// their router) are routed into the tunnel; the rest is not ours.
enum ClearFraming {
    /// What a frame from the clear side is.
    enum Frame {
        /// ARP or neighbour discovery, as the link classifies it.
        case neighbour(OuterFraming.Frame)
        /// An IPv4 packet to route (its header, parsed and checked).
        case ipv4(IPv4Header)
        /// An IPv6 packet to route.
        case ipv6(IPv6Header)
        /// Anything else: other hosts' traffic, tagged frames, packets to the gateway itself,
        /// multicast and link-local traffic (never routed).
        case other
    }

    /// Classifies a frame received on the clear port, where the gateway has `localIP` and/or
    /// `localIPv6` and `localMAC`. Never traps on odd frames: the toolkit's parsers throw, and
    /// those are `.other`.
    static func classify(_ bytes: RawSpan, localIP: UInt32?, localIPv6: IPv6Address?, localMAC: MACAddress) -> Frame {
        func neighbourFrame() -> OuterFraming.Frame {
            OuterFraming.classify(bytes, localIP: localIP, localIPv6: localIPv6, localPort: 0)
        }
        guard let ethernet = try? EthernetHeader(parsing: bytes), ethernet.outerTag == nil else { return .other }
        switch ethernet.etherType {
        case .arp:
            return .neighbour(neighbourFrame())
        case .ipv4:
            guard ethernet.destination == localMAC, let own = localIP,
                  let ip = try? IPv4Header(parsing: bytes, at: ethernet.payloadOffset),
                  ip.destination.value != own, !ip.destination.isMulticast, ip.destination != .broadcast else { return .other }
            return .ipv4(ip)
        case .ipv6:
            guard let own = localIPv6, let ip = try? IPv6Header(parsing: bytes, at: ethernet.payloadOffset) else { return .other }
            if ip.upperLayerProtocol == .icmpv6 && ip.hopLimit == 255 {
                let frame = neighbourFrame()
                if frame.isNeighbourDiscovery { return .neighbour(frame) }
            }
            guard ethernet.destination == localMAC, ip.destination != own, !ip.destination.isMulticast,
                  !ip.destination.isLinkLocal, !ip.source.isLinkLocal else { return .other }
            return .ipv6(ip)
        default:
            return .other
        }
    }
}

extension OuterFraming.Frame {
    /// True for neighbour solicitations and advertisements.
    var isNeighbourDiscovery: Bool {
        switch self {
        case .neighborSolicitation, .neighborAdvertisement: return true
        default: return false
        }
    }

    /// The (address, MAC) an ARP or neighbour discovery frame teaches, if any.
    var learnt: (IPAddress, MACAddress)? {
        switch self {
        case .arpRequest(let ip, let mac), .arpReply(let ip, let mac): return (.v4(ip), mac)
        case .neighborSolicitation(let nd, let ethernet, let ip):
            return ip.source.isUnspecified ? nil : (IPAddress(ip.source), nd.linkLayerAddress ?? ethernet.source)
        case .neighborAdvertisement(let target, let mac): return (IPAddress(target), mac)
        case .wireGuard, .other: return nil
        }
    }
}

/// Where the clear side sends a decrypted packet: hosts on a clear subnet directly, the rest
/// through a configured router on it (or nowhere). One subnet per family at most.
struct ClearRoute {
    /// Our address on the clear port and its subnet, per family.
    let subnets: [(address: IPAddress, prefix: IPPrefix)]
    /// The routers for destinations outside the subnets, per family.
    let nextHops: [IPAddress]

    /// Parses `10.10.1.1/24` and `fd10::1/64` (our address and its subnet) and optional router
    /// addresses, each inside the subnet of its family.
    init?(addresses: [String], nextHops: [String]) {
        var subnets: [(address: IPAddress, prefix: IPPrefix)] = []
        for text in addresses {
            // IPPrefix keeps the network only: our own address comes from the text before the slash.
            guard let prefix = IPPrefix(text), prefix.length > 0, let slash = text.firstIndex(of: "/"),
                  let own = IPAddress(text[..<slash]),
                  !subnets.contains(where: { $0.address.bitWidth == own.bitWidth }) else { return nil }
            subnets.append((own, prefix))
        }
        var hops: [IPAddress] = []
        for text in nextHops {
            guard let hop = IPAddress(text), subnets.contains(where: { $0.prefix.contains(hop) }),
                  !hops.contains(where: { $0.bitWidth == hop.bitWidth }) else { return nil }
            hops.append(hop)
        }
        guard !subnets.isEmpty else { return nil }
        self.subnets = subnets
        self.nextHops = hops
    }

    /// Our addresses on the clear port.
    var addresses: [IPAddress] { subnets.map(\.address) }

    /// The neighbour to hand a packet for `destination` to, or nil when none is reachable.
    func neighbour(for destination: IPAddress) -> IPAddress? {
        if subnets.contains(where: { $0.prefix.contains(destination) }) { return destination }
        return nextHops.first { $0.bitWidth == destination.bitWidth }
    }
}
