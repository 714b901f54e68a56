import CNE

/// What the responder does with one frame: everything here is the protocol toolkit.
struct Responder: Sendable {
    /// The IPv4 addresses answered for (ARP, ICMP echo).
    let ipv4: Set<IPv4Address>
    /// The IPv6 addresses answered for (neighbour solicitation, ICMPv6 echo).
    let ipv6: Set<IPv6Address>
    /// The MAC address the answers give.
    let mac: MACAddress

    /// What to do with the frame after ``answer(_:)``.
    enum Verdict: Equatable {
        /// Drop it (counted as the traffic it is).
        case drop(Traffic)
        /// Send it back: it is now the answer, `length` bytes long (nil: its length is right).
        case send(Traffic, length: Int?)
        /// Grow it to `length` bytes and answer again (a solicitation shorter than its answer).
        case grow(to: Int)
    }

    /// Rewrites `bytes` into the answer when the frame asks this responder something.
    func answer(_ bytes: inout MutableRawSpan) -> Verdict {
        do throws(ProtocolError) {
            let ethernet = try EthernetHeader(parsing: bytes.bytes)
            switch ethernet.etherType {
            case .arp:
                let arp = try ARPPacket(parsing: bytes.bytes, at: ethernet.payloadOffset)
                guard arp.operation == .request, ipv4.contains(arp.targetIP) else { return .drop(.arpOther) }
                arp.answer(in: &bytes, ethernet: ethernet, with: mac)
                return .send(.arpReply, length: nil)
            case .ipv4:
                let ip = try IPv4Header(parsing: bytes.bytes, at: ethernet.payloadOffset)
                guard ip.protocol == .icmp, !ip.isFragment else { return .drop(Traffic(ipv4: ip.protocol)) }
                let icmp = try ICMPv4Header(parsing: bytes.bytes, at: ip.payloadOffset, end: ip.end)
                guard icmp.type == ICMPv4Header.echoRequest, icmp.code == 0, ipv4.contains(ip.destination),
                    ip.isChecksumValid(in: bytes.bytes), icmp.isChecksumValid(in: bytes.bytes)
                else { return .drop(.icmpOther) }
                icmp.answerEcho(in: &bytes, ethernet: ethernet, ipv4: ip)
                return .send(.echoReply, length: nil)
            case .ipv6:
                let ip = try IPv6Header(parsing: bytes.bytes, at: ethernet.payloadOffset)
                guard ip.upperLayerProtocol == .icmpv6, !ip.isFragment else {
                    return .drop(Traffic(ipv6: ip.upperLayerProtocol))
                }
                let icmp = try ICMPv6Header(parsing: bytes.bytes, at: ip.upperLayerOffset, end: ip.end)
                guard icmp.isChecksumValid(in: bytes.bytes, pseudoHeader: ip.pseudoHeader) else { return .drop(.malformed) }
                if icmp.type == ICMPv6Header.echoRequest && icmp.code == 0 && ipv6.contains(ip.destination) {
                    icmp.answerEcho(in: &bytes, ethernet: ethernet, ipv6: ip)
                    return .send(.echo6Reply, length: nil)
                }
                guard icmp.type == ICMPv6Header.neighborSolicitation, ip.hopLimit == 255 else { return .drop(.icmp6Other) }
                let solicitation = try NeighborDiscoveryMessage(parsing: bytes.bytes, icmp: icmp)
                guard ipv6.contains(solicitation.target) else { return .drop(.icmp6Other) }
                let needed = ip.offset + NeighborDiscoveryMessage.advertisementLength
                guard bytes.byteCount >= needed else { return .grow(to: needed) }
                let length = try solicitation.answer(in: &bytes, ethernet: ethernet, ipv6: ip, with: mac)
                return .send(.advertisement, length: length)
            default:
                return .drop(.otherEtherType)
            }
        } catch {
            return .drop(.malformed)
        }
    }
}
