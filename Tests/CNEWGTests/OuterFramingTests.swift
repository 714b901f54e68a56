import CNE
import Testing
import WireGuardCore
@testable import cne_wg

/// cne-wg's outer framing on the protocol toolkit: what it builds it parses back, and no frame
/// from the wire traps it.
@Suite struct OuterFramingTests {
    static let ourMAC = MACAddress(2, 0, 0, 0, 0, 2)
    static let theirMAC = MACAddress(2, 0, 0, 0, 0, 1)
    static let us = Endpoint(address: IPAddress("192.0.2.2")!, port: 51821)
    static let them = Endpoint(address: IPAddress("192.0.2.1")!, port: 51820)
    static var ourIP: UInt32 { if case .v4(let a) = us.address { return a }; return 0 }

    func frame(payload: [UInt8]) -> [UInt8] {
        var f = [UInt8](repeating: 0, count: OuterFraming.headerLength) + payload
        f.withUnsafeMutableBytes { raw in
            var span = raw.mutableBytes
            OuterFraming.writeHeaders(into: &span, payloadLength: payload.count, sourceMAC: Self.theirMAC, destinationMAC: Self.ourMAC,
                                      source: Self.them, destination: Self.us)
        }
        return f
    }

    @Test func aBuiltDatagramParsesBack() {
        let f = frame(payload: Array(0..<100))
        let parsed = f.withUnsafeBytes { OuterFraming.classify($0.bytes, localIP: Self.ourIP, localPort: 51821) }
        guard case .wireGuard(let payload, let source, let mac) = parsed else { Issue.record("\(parsed)"); return }
        #expect(payload == 42..<142 && source == Self.them && mac == Self.theirMAC)
        // The IPv4 header checksum verifies (sums to zero).
        var sum = InternetChecksum()
        sum.add(bytes: f[14..<34])
        #expect(sum.value == 0)
    }

    @Test func otherPortsFragmentsAndShortFramesAreNotOurs() {
        let f = frame(payload: [1, 2, 3])
        #expect(isOther(f.withUnsafeBytes { OuterFraming.classify($0.bytes, localIP: Self.ourIP, localPort: 9) }))
        var fragment = f
        fragment[20] = 0x20                       // more fragments
        #expect(isOther(fragment.withUnsafeBytes { OuterFraming.classify($0.bytes, localIP: Self.ourIP, localPort: 51821) }))
        var lying = f
        lying[17] = 0xff                          // IPv4 total length past the frame
        #expect(isOther(lying.withUnsafeBytes { OuterFraming.classify($0.bytes, localIP: Self.ourIP, localPort: 51821) }))
        for n in 0..<f.count {
            _ = Array(f[0..<n]).withUnsafeBytes { OuterFraming.classify($0.bytes, localIP: Self.ourIP, localPort: 51821) }
        }
    }

    @Test func arpRequestAndReplyRoundTrip() {
        var f = [UInt8](repeating: 0, count: OuterFraming.arpFrameLength)
        f.withUnsafeMutableBytes { raw in
            var span = raw.mutableBytes
            OuterFraming.writeARP(into: &span, op: 1, sourceMAC: Self.theirMAC, sourceIP: 0xc000_0201, targetMAC: .broadcast, targetIP: Self.ourIP)
        }
        guard case .arpRequest(let ip, let mac) = f.withUnsafeBytes({ OuterFraming.classify($0.bytes, localIP: Self.ourIP, localPort: 1) }) else {
            Issue.record("not a request for us")
            return
        }
        #expect(ip == 0xc000_0201 && mac == Self.theirMAC)
        f.withUnsafeMutableBytes { raw in
            var span = raw.mutableBytes
            OuterFraming.writeARP(into: &span, op: 2, sourceMAC: Self.ourMAC, sourceIP: Self.ourIP, targetMAC: mac, targetIP: ip)
        }
        guard case .arpReply(let rip, let rmac) = f.withUnsafeBytes({ OuterFraming.classify($0.bytes, localIP: 0xc000_0201, localPort: 1) }) else {
            Issue.record("not a reply")
            return
        }
        #expect(rip == Self.ourIP && rmac == Self.ourMAC)
    }

    @Test func randomFramesNeverTrap() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            var f = (0..<Int.random(in: 0...120, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            if f.count > 14, Bool.random(using: &rng) { f[12] = 8; f[13] = Bool.random(using: &rng) ? 0 : 6 }
            if f.count > 23, Bool.random(using: &rng) { f[14] = 0x45; f[23] = 17 }
            _ = f.withUnsafeBytes { OuterFraming.classify($0.bytes, localIP: Self.ourIP, localPort: 51821) }
        }
    }

    @Test func neighboursHoldUntilLearntAndRateLimitRequests() {
        let n = Neighbours()
        let d = OutgoingDatagram(bytes: [1], endpoint: Self.them)
        #expect(n.hold(d, for: .v4(7), now: .seconds(1)))
        #expect(!n.hold(d, for: .v4(7), now: .seconds(1.5)))
        #expect(n.hold(d, for: .v4(7), now: .seconds(2.1)))
        #expect(n.learn(.v4(7), Self.theirMAC).count == 3)
        #expect(n.mac(for: .v4(7)) == Self.theirMAC)
        #expect(n.learn(.v4(7), Self.theirMAC).isEmpty)
    }

    func isOther(_ f: OuterFraming.Frame) -> Bool {
        if case .other = f { return true }
        return false
    }
}
