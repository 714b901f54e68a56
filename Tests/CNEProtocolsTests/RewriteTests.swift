import CNEProtocols
import Testing

/// Answers and rewrites in place: the result parses, its checksums verify, and every field is
/// what the RFC says.
@Suite struct RewriteTests {
    let me = MACAddress(2, 0, 0, 0, 0x40, 0x02)

    /// Runs `body` on a mutable copy of `frame` and returns the result.
    func rewritten(_ frame: [UInt8], _ body: (inout MutableRawSpan) throws -> Void) rethrows -> [UInt8] {
        var copy = frame
        var span = copy.mutableSpan
        var bytes = span.mutableBytes
        try body(&bytes)
        _ = consume bytes
        _ = consume span
        return copy
    }

    @Test func arpReply() throws {
        let reply = try rewritten(Captured.arpRequest) { bytes in
            let ethernet = try EthernetHeader(parsing: bytes.bytes)
            try ARPPacket(parsing: bytes.bytes, at: 14).answer(in: &bytes, ethernet: ethernet, with: me)
        }
        let layers = try FrameLayers(parsing: reply.span.bytes)
        #expect(layers.ethernet.destination == MACAddress("02:00:00:00:40:01") && layers.ethernet.source == me)
        let arp = try #require(layers.arp)
        #expect(arp.operation == .reply && arp.senderMAC == me && arp.senderIP == IPv4Address("192.0.2.9"))
        #expect(arp.targetMAC == MACAddress("02:00:00:00:40:01") && arp.targetIP == IPv4Address("192.0.2.1"))
    }

    @Test func icmpv4EchoReply() throws {
        let reply = try rewritten(Captured.icmpv4EchoRequest) { bytes in
            let layers = try FrameLayers(parsing: bytes.bytes)
            layers.icmpv4!.answerEcho(in: &bytes, ethernet: layers.ethernet, ipv4: layers.ipv4!, timeToLive: 61)
        }
        let r = reply.span.bytes
        let layers = try FrameLayers(parsing: r)
        let ip = try #require(layers.ipv4)
        let icmp = try #require(layers.icmpv4)
        #expect(ip.isChecksumValid(in: r) && icmp.isChecksumValid(in: r))
        #expect(ip.source == IPv4Address("192.0.2.2") && ip.destination == IPv4Address("192.0.2.1") && ip.timeToLive == 61)
        #expect(icmp.type == ICMPv4Header.echoReply && icmp.identifier == 0x2FC7 && icmp.sequenceNumber == 1)
        #expect(layers.ethernet.source == MACAddress("02:00:00:00:40:02"))
        #expect(reply[42...] .dropFirst(8) == Captured.icmpv4EchoRequest[42...].dropFirst(8), "payload untouched")
    }

    /// A view is a snapshot of the fields, but its setters read what they replace from the
    /// bytes: two edits through one view keep the checksums right.
    @Test func twoEditsThroughOneViewKeepChecksums() throws {
        let frame = try rewritten(Captured.icmpv4EchoRequest) { bytes in
            let layers = try FrameLayers(parsing: bytes.bytes)
            layers.icmpv4!.answerEcho(in: &bytes, ethernet: layers.ethernet, ipv4: layers.ipv4!)
            layers.ipv4!.setTimeToLive(1, in: &bytes)
            layers.icmpv4!.setType(ICMPv4Header.echoRequest, in: &bytes)
        }
        let after = try layers(frame)
        check(after.ipv4!.isChecksumValid(in: frame.span.bytes) && after.ipv4!.timeToLive == 1)
        check(after.icmpv4!.isChecksumValid(in: frame.span.bytes) && after.icmpv4!.type == ICMPv4Header.echoRequest)
    }

    @Test func icmpv6EchoReply() throws {
        let reply = try rewritten(Captured.icmpv6EchoRequest) { bytes in
            let layers = try FrameLayers(parsing: bytes.bytes)
            layers.icmpv6!.answerEcho(in: &bytes, ethernet: layers.ethernet, ipv6: layers.ipv6!)
        }
        let r = reply.span.bytes
        let layers = try FrameLayers(parsing: r)
        let ip = try #require(layers.ipv6)
        #expect(layers.icmpv6?.type == ICMPv6Header.echoReply && ip.hopLimit == 64)
        #expect(layers.icmpv6?.isChecksumValid(in: r, pseudoHeader: ip.pseudoHeader) == true)
        #expect(ip.source == IPv6Address("2001:db8::3") && ip.destination == IPv6Address("2001:db8::1"))
    }

    @Test func neighbourAdvertisement() throws {
        let reply = try rewritten(Captured.neighborSolicitation) { bytes in
            let layers = try FrameLayers(parsing: bytes.bytes)
            let length = try layers.neighborDiscovery!.answer(in: &bytes, ethernet: layers.ethernet, ipv6: layers.ipv6!, with: me)
            #expect(length == 86)
        }
        let r = reply.span.bytes
        let layers = try FrameLayers(parsing: r)
        let ip = try #require(layers.ipv6)
        let na = try #require(layers.neighborDiscovery)
        #expect(!na.isSolicitation && na.isSolicited && na.isOverride && !na.isRouter)
        #expect(na.target == IPv6Address("2001:db8::2") && na.linkLayerAddress == me)
        #expect(ip.source == IPv6Address("2001:db8::2") && ip.destination == IPv6Address("2001:db8::1") && ip.hopLimit == 255)
        #expect(layers.icmpv6?.isChecksumValid(in: r, pseudoHeader: ip.pseudoHeader) == true)
        #expect(layers.ethernet.destination == MACAddress("02:00:00:00:40:01") && layers.ethernet.source == me)

        // Duplicate address detection (from ::, no option): to all nodes, not solicited; and
        // a solicitation without its option is too short for the answer until grown.
        var dad = Captured.neighborSolicitation
        for i in 22..<38 { dad[i] = 0 }
        dad.removeLast(8)
        dad[19] = 24
        #expect(throws: ProtocolError(.noRoom, in: .icmpv6, at: 14)) {
            _ = try rewritten(dad) { bytes in
                let layers = try FrameLayers(parsing: bytes.bytes)
                try layers.neighborDiscovery!.answer(in: &bytes, ethernet: layers.ethernet, ipv6: layers.ipv6!, with: me)
            }
        }
        let grown = try rewritten(dad + [UInt8](repeating: 0, count: 8)) { bytes in
            let layers = try FrameLayers(parsing: bytes.bytes)
            try layers.neighborDiscovery!.answer(in: &bytes, ethernet: layers.ethernet, ipv6: layers.ipv6!, with: me)
        }
        let g = try FrameLayers(parsing: grown.span.bytes)
        #expect(g.ipv6?.destination == .allNodes && g.neighborDiscovery?.isSolicited == false)
        #expect(g.ethernet.destination == MACAddress(0x33, 0x33, 0, 0, 0, 1))
        #expect(g.icmpv6?.isChecksumValid(in: grown.span.bytes, pseudoHeader: g.ipv6!.pseudoHeader) == true)
    }

    @Test func swappedEndpointsKeepTheirChecksums() throws {
        let frame = Captured.icmpv4EchoRequest
        let swapped = try rewritten(frame) { bytes in
            let layers = try FrameLayers(parsing: bytes.bytes)
            layers.ethernet.swapAddresses(in: &bytes)
            layers.ipv4!.swapAddresses(in: &bytes)
        }
        let ip = try IPv4Header(parsing: swapped.span.bytes, at: 14)
        #expect(ip.isChecksumValid(in: swapped.span.bytes) && ip.source == IPv4Address("192.0.2.2"))
        let udp = try rewritten(Captured.udpv6) { bytes in
            let layers = try FrameLayers(parsing: bytes.bytes)
            layers.ipv6!.swapAddresses(in: &bytes)
            layers.udp!.swapPorts(in: &bytes)
        }
        let layers = try FrameLayers(parsing: udp.span.bytes)
        #expect(layers.udp?.sourcePort == 5353 && layers.ipv6?.destination == IPv6Address("2001:db8::1"))
    }

    @Test func vlanPushAndPop() throws {
        let frame = Captured.icmpv4EchoRequest
        let tagged = try rewritten([0, 0, 0, 0] + frame) { bytes in try VLANTag(id: 42, priority: 3).push(into: &bytes) }
        let layers = try FrameLayers(parsing: tagged.span.bytes)
        #expect(layers.ethernet.outerTag == VLANTag(id: 42, priority: 3) && layers.ethernet.etherType == .ipv4)
        #expect(layers.icmpv4?.isChecksumValid(in: tagged.span.bytes) == true)
        var popped: VLANTag? = nil
        let untagged = try rewritten(tagged) { bytes in popped = try VLANTag.pop(from: &bytes) }
        #expect(popped?.id == 42 && Array(untagged[4...]) == frame)
        let none = try rewritten(frame) { bytes in popped = try VLANTag.pop(from: &bytes) }
        #expect(popped == nil && none == frame)
        #expect(throws: ProtocolError.self) { _ = try rewritten([0, 0, 0, 0, 1, 2]) { try VLANTag(id: 1).push(into: &$0) } }
    }

    @Test func udpFrameBuilder() throws {
        let builder = UDPFrameBuilder(
            sourceMAC: me, destinationMAC: .broadcast, source: IPv4Address(192, 0, 2, 1),
            destination: IPv4Address(192, 0, 2, 2), sourcePort: 4000, destinationPort: 5353)
        let payload = Array("hello, checksum!!".utf8)
        let frame = try rewritten([UInt8](repeating: 0xEE, count: 42) + payload) { bytes in
            check(try builder.write(payloadLength: payload.count, into: &bytes) == 59)
        }
        let f = frame.span.bytes
        let layers = try FrameLayers(parsing: f)
        let ip = try #require(layers.ipv4)
        let udp = try #require(layers.udp)
        #expect(ip.isChecksumValid(in: f) && udp.isChecksumValid(in: f, pseudoHeader: ip.pseudoHeader, zeroMeansNone: false))
        #expect(udp.sourcePort == 4000 && udp.payloadLength == 17 && ip.timeToLive == 64 && ip.dontFragment)
        #expect(throws: ProtocolError(.noRoom, in: .udp, at: 0)) {
            _ = try rewritten([UInt8](repeating: 0, count: 50)) { bytes in try builder.write(payloadLength: 9, into: &bytes) }
        }
    }
}
