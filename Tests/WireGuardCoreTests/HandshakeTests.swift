import Testing
@testable import WireGuardCore

/// Noise_IKpsk2 between two devices, the keypair rotation it drives, and hostile handshakes.
@Suite struct HandshakeTests {
    @Test func initiatorHandshakeDeliversTheStagedPacket() throws {
        let p = Pair()
        var buffer = packetBuffer(ipv4(from: "10.0.0.1", to: "10.0.0.2", payload: Array("hello".utf8)))
        #expect({ if case .queued = p.send(from: p.a, &buffer) { true } else { false } }())
        let initiation = p.a.takeOutbox()
        #expect(initiation.count == 1 && initiation[0].bytes.count == 148 && initiation[0].bytes.messageType == 1)
        #expect(initiation[0].endpoint == p.bEndpoint)
        var bytes = initiation[0].bytes
        let r1 = bytes.withUnsafeMutableBytes { p.b.receive($0, from: p.aEndpoint, now: p.now) }
        guard case .handshake(let peer) = r1 else { Issue.record("initiation not accepted: \(p.b.drops)"); return }
        #expect(peer === p.aOnB)
        #expect(p.aOnB.endpoint == p.aEndpoint)   // learnt from the authenticated initiation
        let responses = p.deliver(from: p.b, to: p.a)
        #expect(responses.count == 1 && responses[0].1.count == 92)
        #expect(p.bOnA.handshakesCompleted == 1)
        // The staged packet goes out on the new session; the responder switches to it on receipt.
        let data = p.deliver(from: p.a, to: p.b)
        #expect(data.count == 1)
        let range = try #require(data[0].0.packetRange)
        #expect(Array(data[0].2[range]) == ipv4(from: "10.0.0.1", to: "10.0.0.2", payload: Array("hello".utf8)))
        #expect(p.aOnB.handshakesCompleted == 1)
        #expect(p.aOnB.current != nil && p.aOnB.next == nil)
        #expect(p.a.drops.isEmpty && p.b.drops.isEmpty)
    }

    @Test func bothDirectionsAndIPv6AfterHandshake() throws {
        let p = Pair(psk: SecureRandom.key())
        _ = p.handshake()
        for (from, to, src, dst) in [(p.b, p.a, "fd00::2", "fd00::1"), (p.a, p.b, "fd00::1", "fd00::2")] {
            let inner = ipv6(from: src, to: dst, payload: Array(0..<200))
            var buffer = packetBuffer(inner)
            guard case .ready(let range, _) = p.send(from: from, &buffer) else { Issue.record("not sent"); return }
            #expect(range.count == 16 + 240 + 16)     // 240 = 40 + 200 padded to 16
            var wire = Array(buffer.bytes[range])
            let r = wire.withUnsafeMutableBytes { to.receive($0, from: from === p.a ? p.aEndpoint : p.bEndpoint, now: p.now) }
            let plain = try #require(r.packetRange)
            #expect(Array(wire[plain]) == inner)
        }
    }

    @Test func replayedAndTamperedTransportAreDroppedAndCounted() throws {
        let p = Pair()
        _ = p.handshake()
        var buffer = packetBuffer(ipv4(from: "10.0.0.1", to: "10.0.0.2", payload: [1, 2, 3]))
        guard case .ready(let range, _) = p.send(from: p.a, &buffer) else { Issue.record("not sent"); return }
        let wire = Array(buffer.bytes[range])
        var first = wire
        #expect(first.withUnsafeMutableBytes { p.b.receive($0, from: p.aEndpoint, now: p.now) }.packetRange != nil)
        var again = wire
        #expect(again.withUnsafeMutableBytes { p.b.receive($0, from: p.aEndpoint, now: p.now) }.isDropped)
        #expect(p.b.drops[.replay] == 1)
        var buffer2 = packetBuffer(ipv4(from: "10.0.0.1", to: "10.0.0.2", payload: [4]))
        guard case .ready(let range2, _) = p.send(from: p.a, &buffer2) else { Issue.record("not sent"); return }
        var tampered = Array(buffer2.bytes[range2])
        tampered[20] ^= 0x80
        #expect(tampered.withUnsafeMutableBytes { p.b.receive($0, from: p.aEndpoint, now: p.now) }.isDropped)
        #expect(p.b.drops[.badAuthentication] == 1)
        var unknown = wire
        unknown[4] ^= 0xff
        #expect(unknown.withUnsafeMutableBytes { p.b.receive($0, from: p.aEndpoint, now: p.now) }.isDropped)
        #expect(p.b.drops[.unknownIndex] == 1)
    }

    @Test func sourceOutsideAllowedIPsIsDropped() {
        let p = Pair()
        _ = p.handshake()
        // Routed to b by its destination, but b only allows 10.0.0.1 from a.
        var buffer = packetBuffer(ipv4(from: "10.9.9.9", to: "10.0.0.2", payload: [0]))
        guard case .ready(let range, _) = p.send(from: p.a, &buffer) else { Issue.record("not sent"); return }
        var wire = Array(buffer.bytes[range])
        #expect(wire.withUnsafeMutableBytes { p.b.receive($0, from: p.aEndpoint, now: p.now) }.isDropped)
        #expect(p.b.drops[.disallowedSource] == 1)
        var nowhere = packetBuffer(ipv4(from: "10.0.0.1", to: "10.7.7.7", payload: [0]))
        #expect({ if case .dropped = p.send(from: p.a, &nowhere) { true } else { false } }())
        #expect(p.a.drops[.noRoute] == 1)
    }

    @Test func replayedInitiationIsRefused() {
        let p = Pair()
        var buffer = packetBuffer(ipv4(from: "10.0.0.1", to: "10.0.0.2", payload: [0]))
        _ = p.send(from: p.a, &buffer)
        let initiation = p.a.takeOutbox()[0].bytes
        var first = initiation, second = initiation
        #expect(!first.withUnsafeMutableBytes { p.b.receive($0, from: p.aEndpoint, now: p.now) }.isDropped)
        p.now = p.now + .seconds(1)
        #expect(second.withUnsafeMutableBytes { p.b.receive($0, from: p.aEndpoint, now: p.now) }.isDropped)
        #expect(p.b.drops[.replayedInitiation] == 1)
    }

    @Test func unknownPeerAndBadMAC1AreRefused() {
        let p = Pair()
        let stranger = WireGuardDevice(privateKey: X25519.generatePrivateKey(), jitter: { .zero })
        let bOnStranger = stranger.addPeer(publicKey: p.b.publicKey, endpoint: p.bEndpoint, allowedIPs: [IPPrefix("0.0.0.0/0")!])!
        stranger.initiateHandshake(with: bOnStranger, now: p.now)
        var m = stranger.takeOutbox()[0].bytes
        #expect(m.withUnsafeMutableBytes { p.b.receive($0, from: p.aEndpoint, now: p.now) }.isDropped)
        #expect(p.b.drops[.handshakeFailed] == 1)
        #expect(p.b.takeOutbox().isEmpty)
        p.a.initiateHandshake(with: p.bOnA, now: p.now)
        var bad = p.a.takeOutbox()[0].bytes
        bad[120] ^= 1
        #expect(bad.withUnsafeMutableBytes { p.b.receive($0, from: p.aEndpoint, now: p.now) }.isDropped)
        #expect(p.b.drops[.badMAC1] == 1)
    }

    @Test func underLoadTheResponderDemandsACookieAndThenAnswers() throws {
        let p = Pair()
        p.b.cookieThreshold = 0
        p.a.initiateHandshake(with: p.bOnA, now: p.now)
        let r = p.deliver(from: p.a, to: p.b)
        #expect(r[0].0.isDropped)
        #expect(p.b.drops[.cookieSent] == 1)
        let cookie = p.b.takeOutbox()
        #expect(cookie.count == 1 && cookie[0].bytes.count == 64 && cookie[0].bytes.messageType == 3)
        #expect(cookie[0].endpoint == p.aEndpoint)
        var reply = cookie[0].bytes
        guard case .handshake = reply.withUnsafeMutableBytes({ p.a.receive($0, from: p.bEndpoint, now: p.now) }) else {
            Issue.record("cookie not taken: \(p.a.drops)")
            return
        }
        // The retry carries mac2 under the cookie, and the loaded responder accepts it.
        p.now = p.now + .seconds(5)
        p.a.tick(now: p.now)
        let retry = p.a.takeOutbox()
        #expect(retry.count == 1)
        #expect(retry[0].bytes[132..<148].contains { $0 != 0 })
        var again = retry[0].bytes
        guard case .handshake = again.withUnsafeMutableBytes({ p.b.receive($0, from: p.aEndpoint, now: p.now) }) else {
            Issue.record("retry with mac2 refused: \(p.b.drops)")
            return
        }
        p.deliver(from: p.b, to: p.a)
        #expect(p.bOnA.handshakesCompleted == 1)
        // A cookie bound to another source address does not pass.
        p.now = p.now + .seconds(6)
        p.a.initiateHandshake(with: p.bOnA, now: p.now)
        var moved = p.a.takeOutbox().last!.bytes
        let other = Endpoint(address: IPAddress("192.0.2.99")!, port: 1)
        #expect(moved.withUnsafeMutableBytes { p.b.receive($0, from: other, now: p.now) }.isDropped)
        #expect(p.b.drops[.cookieSent] == 2)
    }

    @Test func responderRekeyKeepsTrafficFlowing() throws {
        let p = Pair()
        _ = p.handshake()
        let firstKeypair = try #require(p.bOnA.current)
        // b initiates a new handshake while a's old session is current.
        p.now = p.now + .seconds(10)
        p.b.initiateHandshake(with: p.aOnB, now: p.now)
        p.deliver(from: p.b, to: p.a)
        // a holds the new keypair as next and still sends on the old one until b uses the new one.
        #expect(p.bOnA.next != nil && p.bOnA.current === firstKeypair)
        p.deliver(from: p.a, to: p.b)
        p.deliver(from: p.b, to: p.a)          // b's keepalive on the new keypair
        #expect(p.bOnA.next == nil && p.bOnA.current !== firstKeypair && p.bOnA.previous === firstKeypair)
        var buffer = packetBuffer(ipv4(from: "10.0.0.1", to: "10.0.0.2", payload: [9]))
        guard case .ready(let range, _) = p.send(from: p.a, &buffer) else { Issue.record("not sent"); return }
        var wire = Array(buffer.bytes[range])
        #expect(wire.withUnsafeMutableBytes { p.b.receive($0, from: p.aEndpoint, now: p.now) }.packetRange != nil)
    }
}
