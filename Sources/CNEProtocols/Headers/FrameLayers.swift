/// Every layer of an Ethernet frame that this module parses, in one call: Ethernet (with
/// tags), then ARP, IPv4 or IPv6 (with options or extension headers), then UDP, TCP, ICMPv4 or
/// ICMPv6 (with neighbour discovery). What a dispatcher, a logger or a fuzzer wants; a hot
/// path that needs one layer parses just that one.
@frozen public struct FrameLayers: Sendable {
    /// The Ethernet header.
    public var ethernet: EthernetHeader
    /// The ARP packet, when the frame is ARP.
    public var arp: ARPPacket?
    /// The IPv4 header, when the frame is IPv4.
    public var ipv4: IPv4Header?
    /// The IPv6 header, when the frame is IPv6.
    public var ipv6: IPv6Header?
    /// The UDP header (not for fragments after the first).
    public var udp: UDPHeader?
    /// The TCP header (not for fragments after the first).
    public var tcp: TCPHeader?
    /// The ICMPv4 header.
    public var icmpv4: ICMPv4Header?
    /// The ICMPv6 header.
    public var icmpv6: ICMPv6Header?
    /// The neighbour solicitation or advertisement.
    public var neighborDiscovery: NeighborDiscoveryMessage?

    /// Parses `bytes` as an Ethernet frame, layer by layer.
    ///
    /// - Throws: the first ``ProtocolError`` of any layer.
    @inlinable @inline(__always)
    public init(parsing bytes: RawSpan) throws(ProtocolError) {
        ethernet = try EthernetHeader(parsing: bytes)
        let at = ethernet.payloadOffset
        switch ethernet.etherType {
        case .arp:
            arp = try ARPPacket(parsing: bytes, at: at)
        case .ipv4:
            let ip = try IPv4Header(parsing: bytes, at: at)
            ipv4 = ip
            guard ip.fragmentOffset == 0 else { return }
            try parseTransport(bytes, ip.protocol, at: ip.payloadOffset, end: ip.end, v6: nil)
        case .ipv6:
            let ip = try IPv6Header(parsing: bytes, at: at)
            ipv6 = ip
            guard ip.fragmentOffset == 0 else { return }
            try parseTransport(bytes, ip.upperLayerProtocol, at: ip.upperLayerOffset, end: ip.end, v6: ip)
        default:
            break
        }
    }

    @inlinable
    mutating func parseTransport(
        _ bytes: RawSpan, _ proto: IPProtocol, at offset: Int, end: Int, v6: IPv6Header?
    ) throws(ProtocolError) {
        switch proto {
        case .udp:
            udp = try UDPHeader(parsing: bytes, at: offset, end: end)
        case .tcp:
            // TCP's end is the IP payload's: a header past it is truncated.
            guard end <= bytes.byteCount else { throw ProtocolError(.truncated, in: .tcp, at: offset) }
            let header = try TCPHeader(parsing: bytes, at: offset)
            guard header.payloadOffset <= end else { throw ProtocolError(.badLength, in: .tcp, at: offset &+ 12) }
            tcp = header
        case .icmp where v6 == nil:
            icmpv4 = try ICMPv4Header(parsing: bytes, at: offset, end: end)
        case .icmpv6 where v6 != nil:
            let icmp = try ICMPv6Header(parsing: bytes, at: offset, end: end)
            icmpv6 = icmp
            if icmp.type == ICMPv6Header.neighborSolicitation || icmp.type == ICMPv6Header.neighborAdvertisement {
                neighborDiscovery = try NeighborDiscoveryMessage(parsing: bytes, icmp: icmp)
            }
        default:
            break
        }
    }
}
