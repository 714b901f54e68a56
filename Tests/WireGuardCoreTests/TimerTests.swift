import Testing
@testable import WireGuardCore

/// The protocol's timers on an injected clock (jitter zero): every deadline is exact.
@Suite struct TimerTests {
    @Test func handshakeIsRetriedEveryRekeyTimeoutAndAbandonedAfter18Retries() {
        let p = Pair()
        var buffer = packetBuffer(ipv4(from: "10.0.0.1", to: "10.0.0.2", payload: [0]))
        _ = p.send(from: p.a, &buffer)
        #expect(p.a.takeOutbox().count == 1)
        p.now = p.now + .milliseconds(4999)
        p.a.tick(now: p.now)
        #expect(p.a.takeOutbox().isEmpty)
        var retries = 0
        for _ in 0..<40 {
            p.now = p.now + .seconds(5)
            p.a.tick(now: p.now)
            retries += p.a.takeOutbox().filter { $0.bytes.messageType == 1 }.count
        }
        #expect(retries == Timing.maxHandshakeAttempts)
        #expect(p.bOnA.staged.isEmpty)
    }

    @Test func receiverWithNothingToSendAnswersWithAKeepaliveAfter10s() {
        let p = Pair()
        _ = p.handshake()
        #expect(p.b.takeOutbox().isEmpty)
        p.now = p.now + .milliseconds(9999)
        p.b.tick(now: p.now)
        #expect(p.b.takeOutbox().isEmpty)
        p.now = p.now + .milliseconds(1)
        p.b.tick(now: p.now)
        let r = p.deliver(from: p.b, to: p.a)
        #expect(r.count == 1 && r[0].1.count == 32 && r[0].0.isKeepalive)
    }

    @Test func senderWithoutAnswerStartsANewHandshakeAfter15s() {
        let p = Pair()
        _ = p.handshake()
        var buffer = packetBuffer(ipv4(from: "10.0.0.1", to: "10.0.0.2", payload: [0]))
        _ = p.send(from: p.a, &buffer)       // data sent, nothing comes back
        p.now = p.now + .seconds(15)
        p.a.tick(now: p.now)
        #expect(p.a.takeOutbox().map(\.bytes.messageType) == [1])
    }

    @Test func initiatorRekeysAfter120sAndKeypairIsRejectedAfter180s() {
        let p = Pair()
        _ = p.handshake()
        p.now = p.now + .seconds(121)
        var buffer = packetBuffer(ipv4(from: "10.0.0.1", to: "10.0.0.2", payload: [0]))
        guard case .ready(let range, _) = p.send(from: p.a, &buffer) else { Issue.record("not sent"); return }
        #expect(p.a.takeOutbox().map(\.bytes.messageType) == [1])      // still sent, and rekeying
        // Without a new handshake, a packet on the old keypair is refused at 180 s.
        p.now = p.now + .seconds(60)
        var late = Array(buffer.bytes[range])
        #expect(late.withUnsafeMutableBytes { p.b.receive($0, from: p.aEndpoint, now: p.now) }.isDropped)
        #expect(p.b.drops[.expiredKeypair] == 1)
        var again = packetBuffer(ipv4(from: "10.0.0.1", to: "10.0.0.2", payload: [0]))
        #expect({ if case .queued = p.send(from: p.a, &again) { true } else { false } }())
    }

    @Test func persistentKeepaliveFiresOnSchedule() {
        let p = Pair(persistentKeepalive: 25)
        p.a.start(now: p.now)
        let initiation = p.a.takeOutbox()
        #expect(initiation.map(\.bytes.messageType) == [1])           // no session yet: handshake
        var bytes = initiation[0].bytes
        _ = bytes.withUnsafeMutableBytes { p.b.receive($0, from: p.aEndpoint, now: p.now) }
        p.deliver(from: p.b, to: p.a)
        #expect(p.a.takeOutbox().count == 1)                          // the keepalive finishing the handshake
        p.now = p.now + .seconds(24)
        p.a.tick(now: p.now)
        #expect(p.a.takeOutbox().isEmpty)
        p.now = p.now + .seconds(1)
        p.a.tick(now: p.now)
        let k = p.a.takeOutbox()
        #expect(k.count == 1 && k[0].bytes.count == 32)
    }

    @Test func keyMaterialIsZeroedAfterThreeRejectTimes() {
        let p = Pair()
        _ = p.handshake()
        p.now = p.now + .seconds(540)
        p.a.tick(now: p.now)
        #expect(p.bOnA.current == nil && p.bOnA.previous == nil && p.bOnA.next == nil)
    }
}
