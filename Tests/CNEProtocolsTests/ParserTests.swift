import CNEProtocols
import Testing

/// Each parser on frames the kernel sent: every field as the kernel wrote it.
@Suite struct ParserTests {
    @Test func ethernetAndARP() throws {
        let frame = Captured.arpRequest
        let f = frame.span.bytes
        let layers = try FrameLayers(parsing: f)
        #expect(layers.ethernet.destination == .broadcast)
        #expect(layers.ethernet.source == MACAddress("02:00:00:00:40:01"))
        #expect(layers.ethernet.etherType == .arp && layers.ethernet.length == 14 && layers.ethernet.outerTag == nil)
        let arp = try #require(layers.arp)
        #expect(arp.operation == .request)
        #expect(arp.senderMAC == MACAddress("02:00:00:00:40:01") && arp.senderIP == IPv4Address("192.0.2.1"))
        #expect(arp.targetIP == IPv4Address("192.0.2.9"))
    }

    @Test func ipv4AndICMP() throws {
        let layers = try layers(Captured.icmpv4EchoRequest)
        let ip = try #require(layers.ipv4)
        #expect(ip.headerLength == 20 && ip.totalLength == 52 && ip.timeToLive == 64 && ip.protocol == .icmp)
        #expect(ip.dontFragment && !ip.moreFragments && !ip.isFragment && ip.identification == 0x0B5C)
        #expect(ip.source == IPv4Address("192.0.2.1") && ip.destination == IPv4Address("192.0.2.2"))
        let icmp = try #require(layers.icmpv4)
        #expect(icmp.type == ICMPv4Header.echoRequest && icmp.code == 0)
        #expect(icmp.identifier == 0x2FC7 && icmp.sequenceNumber == 1 && icmp.messageLength == 32)
    }

    @Test func udpOverBothIPs() throws {
        let v4 = try layers(Captured.udpv4)
        let udp = try #require(v4.udp)
        #expect(udp.destinationPort == 5353 && udp.datagramLength == 25 && udp.payloadLength == 17)
        let v6 = try layers(Captured.udpv6)
        #expect(v6.ipv6?.upperLayerProtocol == .udp && v6.ipv6?.extensionHeaderCount == 0)
        #expect(v6.udp?.payloadLength == 3 && v6.udp?.destinationPort == 5353)
    }

    @Test func tcpOptions() throws {
        let layers = try layers(Captured.tcpSYN)
        let tcp = try #require(layers.tcp)
        #expect(tcp.destinationPort == 80 && tcp.flags == .syn && tcp.headerLength == 40)
        #expect(tcp.maximumSegmentSize == 1460 && tcp.windowScale == 10 && tcp.sackPermitted)
        #expect(tcp.timestamps != nil && tcp.timestamps?.echoReply == 0)
    }

    @Test func ipv6ExtensionHeadersAndNeighbourDiscovery() throws {
        let mld = try layers(Captured.mldv2WithHopByHop)
        let ip = try #require(mld.ipv6)
        #expect(ip.nextHeader == .hopByHop && ip.extensionHeaderCount == 1 && ip.upperLayerProtocol == .icmpv6)
        #expect(ip.upperLayerOffset == 14 + 40 + 8 && mld.icmpv6?.type == 143)
        #expect(ip.destination == IPv6Address("ff02::16") && ip.source.isLinkLocal)

        let ns = try layers(Captured.neighborSolicitation)
        let nd = try #require(ns.neighborDiscovery)
        #expect(nd.isSolicitation && nd.target == IPv6Address("2001:db8::2"))
        #expect(nd.linkLayerAddress == MACAddress("02:00:00:00:40:01"))
        #expect(ns.ipv6?.hopLimit == 255 && ns.ipv6?.destination == IPv6Address("2001:db8::2")!.solicitedNodeMulticast)

        let echo = try layers(Captured.icmpv6EchoRequest)
        #expect(echo.icmpv6?.type == ICMPv6Header.echoRequest && echo.ipv6?.destination == IPv6Address("2001:db8::3"))
    }

    @Test func vlanTags() throws {
        // 802.1ad outer (VLAN 100, priority 5), 802.1Q inner (VLAN 200), then IPv4.
        var frame = Array(Captured.icmpv4EchoRequest[0..<12]) + [0x88, 0xA8, 0xA0, 0x64, 0x81, 0x00, 0x00, 0xC8]
        frame += Captured.icmpv4EchoRequest[12...]
        let layers = try FrameLayers(parsing: frame.span.bytes)
        #expect(layers.ethernet.outerTag == VLANTag(id: 100, priority: 5, type: .serviceVLAN))
        #expect(layers.ethernet.innerTag?.id == 200 && layers.ethernet.length == 22)
        #expect(layers.ethernet.etherType == .ipv4 && layers.ipv4?.offset == 22 && layers.icmpv4 != nil)
        // A third tag is refused, not walked.
        var three = Array(frame[0..<20]) + [0x81, 0x00, 0x00, 0x01] + frame[20...]
        #expect(throws: ProtocolError(.tooManyHeaders, in: .ethernet, at: 20)) { try EthernetHeader(parsing: three.span.bytes) }
        three.removeAll()
    }
}
