import CNE
import WireGuardCore

/// The cleartext side of gateway mode: frames from the hosts the gateway serves, read with the
/// protocol toolkit. ARP for the gateway's own address is answered; IPv4 packets sent to the
/// gateway's MAC (it is their router) are routed into the tunnel; the rest is not ours.
enum ClearFraming {
    /// What a frame from the clear side is.
    enum Frame {
        /// An ARP request for our clear address from (ip, mac).
        case arpRequest(senderIP: UInt32, senderMAC: MACAddress)
        /// An ARP reply: (ip, mac) learnt.
        case arpReply(senderIP: UInt32, senderMAC: MACAddress)
        /// An IPv4 packet to route (its header, parsed and checked).
        case ipv4(IPv4Header)
        /// Anything else: other hosts' traffic, tagged frames, packets to the gateway itself.
        case other
    }

    /// Classifies a frame received on the clear port, where the gateway owns `localIP` and
    /// `localMAC`. Never traps on odd frames: the toolkit's parsers throw, and those are `.other`.
    static func classify(_ bytes: RawSpan, localIP: UInt32, localMAC: MACAddress) -> Frame {
        guard let ethernet = try? EthernetHeader(parsing: bytes), ethernet.outerTag == nil else { return .other }
        switch ethernet.etherType {
        case .arp:
            guard let arp = try? ARPPacket(parsing: bytes, at: ethernet.payloadOffset) else { return .other }
            if arp.operation == .request && arp.targetIP.value == localIP {
                return .arpRequest(senderIP: arp.senderIP.value, senderMAC: arp.senderMAC)
            }
            if arp.operation == .reply { return .arpReply(senderIP: arp.senderIP.value, senderMAC: arp.senderMAC) }
            return .other
        case .ipv4:
            guard ethernet.destination == localMAC,
                  let ip = try? IPv4Header(parsing: bytes, at: ethernet.payloadOffset),
                  ip.destination.value != localIP else { return .other }
            return .ipv4(ip)
        default:
            return .other
        }
    }
}

/// Where the clear side sends a decrypted packet: hosts on the clear subnet directly, the rest
/// through a configured router on it (or nowhere).
struct ClearRoute {
    /// The gateway's address on the clear port.
    let address: UInt32
    /// The clear subnet's network address and mask.
    let network: UInt32
    let mask: UInt32
    /// The router for destinations outside the subnet, if any.
    let nextHop: UInt32?

    /// Parses `10.10.1.1/24` (our address and the subnet) and an optional router address.
    init?(address text: String, nextHop: String?) {
        // IPPrefix keeps the network only: our own address comes from the text before the slash.
        guard let prefix = IPPrefix(text), prefix.length > 0, let slash = text.firstIndex(of: "/"),
              let own = IPAddress(text[..<slash]), case .v4(let a) = own else { return nil }
        address = a
        mask = prefix.length == 32 ? .max : ~(UInt32.max >> UInt32(prefix.length))
        network = a & mask
        if let nextHop {
            guard let hop = IPAddress(nextHop), case .v4(let h) = hop, h & mask == network else { return nil }
            self.nextHop = h
        } else {
            self.nextHop = nil
        }
    }

    /// The neighbour to hand a packet for `destination` to, or nil when none is reachable.
    func neighbour(for destination: UInt32) -> UInt32? {
        destination & mask == network ? destination : nextHop
    }
}
