import CNE
import Testing
import WireGuardCore
@testable import cne_wg

/// IPv6 outer framing: datagrams with their mandatory UDP checksum, and neighbour discovery
/// (our solicitations, and answers to the peer's) on the protocol toolkit.
@Suite struct OuterFramingIPv6Tests {
    static let ourMAC = MACAddress(2, 0, 0, 0, 0, 2)
    static let theirMAC = MACAddress(2, 0, 0, 0, 0, 1)
    static let ours = IPv6Address("fd00:177::2")!
    static let theirs = IPv6Address("fd00:177::1")!
    static let us = Endpoint(address: IPAddress(ours), port: 51821)
    static let them = Endpoint(address: IPAddress(theirs), port: 51820)

    func frame(payload: [UInt8]) -> [UInt8] {
        var f = [UInt8](repeating: 0, count: OuterFraming.ipv6HeaderLength) + payload
        f.withUnsafeMutableBytes { raw in
            var span = raw.mutableBytes
            OuterFraming.writeHeaders(into: &span, payloadLength: payload.count, sourceMAC: Self.theirMAC,
                                      destinationMAC: Self.ourMAC, source: Self.them, destination: Self.us)
        }
        return f
    }

    @Test func aDatagramParsesBackWithAValidChecksum() {
        let f = frame(payload: Array(0..<200).map { UInt8($0) })
        let parsed = f.withUnsafeBytes { OuterFraming.classify($0.bytes, localIP: nil, localIPv6: Self.ours, localPort: 51821) }
        guard case .wireGuard(let payload, let source, let mac) = parsed else { Issue.record("\(parsed)"); return }
        #expect(payload == 62..<262 && source == Self.them && mac == Self.theirMAC)
        let valid = f.withUnsafeBytes { raw -> Bool in
            guard let layers = try? FrameLayers(parsing: raw.bytes), let ip = layers.ipv6, let udp = layers.udp else { return false }
            return udp.checksum != 0 && udp.isChecksumValid(in: raw.bytes, pseudoHeader: ip.pseudoHeader, zeroMeansNone: false)
        }
        #expect(valid)
        // Not ours: another address, another port, an IPv4-only link.
        let other = f.withUnsafeBytes { OuterFraming.classify($0.bytes, localIP: nil, localIPv6: Self.theirs, localPort: 51821) }
        let port = f.withUnsafeBytes { OuterFraming.classify($0.bytes, localIP: nil, localIPv6: Self.ours, localPort: 9) }
        let v4 = f.withUnsafeBytes { OuterFraming.classify($0.bytes, localIP: 1, localPort: 51821) }
        for c in [other, port, v4] {
            if case .other = c { continue }
            Issue.record("classified as ours: \(c)")
        }
        for n in 0..<f.count {
            if case .wireGuard = Array(f[0..<n]).withUnsafeBytes({ OuterFraming.classify($0.bytes, localIP: nil, localIPv6: Self.ours, localPort: 51821) }) {
                Issue.record("a \(n)-byte prefix classified as a datagram")
            }
        }
    }

    @Test func ourSolicitationIsValidAndItsAnswerTeachesUs() throws {
        var f = [UInt8](repeating: 0, count: OuterFraming.solicitationLength)
        f.withUnsafeMutableBytes { raw in
            var span = raw.mutableBytes
            OuterFraming.writeNeighborSolicitation(into: &span, sourceMAC: Self.ourMAC, source: Self.ours, target: Self.theirs)
        }
        // The peer sees a solicitation for its address, with a valid ICMPv6 checksum.
        let seen = f.withUnsafeBytes { OuterFraming.classify($0.bytes, localIP: nil, localIPv6: Self.theirs, localPort: 1) }
        guard case .neighborSolicitation(let nd, let ethernet, let ip) = seen else { Issue.record("\(seen)"); return }
        #expect(nd.target == Self.theirs && nd.linkLayerAddress == Self.ourMAC)
        #expect(ethernet.destination == Self.theirs.solicitedNodeMulticast.multicastMAC && ip.hopLimit == 255)
        let checksumOK = f.withUnsafeBytes { nd.icmp.isChecksumValid(in: $0.bytes, pseudoHeader: ip.pseudoHeader) }
        #expect(checksumOK)
        // It answers in place (the toolkit's advertisement); we learn its MAC from that.
        f += [UInt8](repeating: 0, count: 8)
        let length = try f.withUnsafeMutableBytes { raw throws(ProtocolError) in
            var span = raw.mutableBytes
            return try nd.answer(in: &span, ethernet: ethernet, ipv6: ip, with: Self.theirMAC)
        }
        let answer = Array(f[0..<length])
        let learnt = answer.withUnsafeBytes { OuterFraming.classify($0.bytes, localIP: nil, localIPv6: Self.ours, localPort: 1) }
        guard case .neighborAdvertisement(let target, let mac) = learnt else { Issue.record("\(learnt)"); return }
        #expect(target == Self.theirs && mac == Self.theirMAC)
    }

    @Test func solicitationsForOthersOrFromOffLinkAreNotAnswered() {
        var f = [UInt8](repeating: 0, count: OuterFraming.solicitationLength)
        f.withUnsafeMutableBytes { raw in
            var span = raw.mutableBytes
            OuterFraming.writeNeighborSolicitation(into: &span, sourceMAC: Self.ourMAC, source: Self.ours, target: Self.theirs)
        }
        if case .neighborSolicitation = f.withUnsafeBytes({ OuterFraming.classify($0.bytes, localIP: nil, localIPv6: Self.ours, localPort: 1) }) {
            Issue.record("answered a solicitation for another address")
        }
        var routed = f
        routed[21] = 254    // hop limit below 255: it crossed a router
        if case .neighborSolicitation = routed.withUnsafeBytes({ OuterFraming.classify($0.bytes, localIP: nil, localIPv6: Self.theirs, localPort: 1) }) {
            Issue.record("answered an off-link solicitation")
        }
    }

    @Test func headerLengthsFollowTheFamily() {
        #expect(OuterFraming.headerLength(for: Self.us.address) == 62)
        #expect(OuterFraming.headerLength(for: IPAddress("192.0.2.1")!) == 42)
        #expect(OuterFraming.maxHeaderLength == 62)
    }
}
