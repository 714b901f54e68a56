import Testing
@testable import WireGuardCore

/// A whole handshake with wireguard-go, the core initiating, replayed from bytes captured on a
/// live run: Debian's wireguard-go (0.0.20220316) in a network namespace, the core on the
/// namespace's loopback, both with the throwaway keys of `GoTranscript`; captured with
/// Tests/WireGuard/capture-transcript.sh (which runs `GoTranscriptCapture`) on 2026-12-08.
/// The core's own messages are deterministic (fixed ephemeral key, indices, clock), so the
/// replay checks it makes byte for byte what wireguard-go answered, then consumes the answers.
@Suite struct GoTranscriptTests {
    /// What the core sent: initiation, the keepalive after the response, the echo request.
    static let initiation = hex("""
        0100000001004757b1f9a1451a3e1e073912a866f7c31e19af5c87e10bfb370332a3898639b2515a9a56c54de8a4d6b0
        1e9d2b102007626df5dffbe9427331ff326cb6a1eb61f7f7b7be8d624c99cbbeaeb2dfba377295c413ca3ca52ba71df8
        64d2a17c532479c472fbad493ad6e92e55274b39ebbd75bc1776a60672343e71ce3f8134000000000000000000000000
        00000000
        """)
    static let keepalive = hex("040000003693091d00000000000000009b695ab0eacc3886c7c196f5f8ea1b31")
    static let echoRequest = hex("""
        040000003693091d01000000000000007e8f9e6597d34461e7e1043e4e91f15c7d558bf7527116291515ba3850920b03
        a204acc140685b73b3a68bc027f678d564133fcb06451223e7a7e935db93687c8bc31b4878b2c0efe6b482c8617b8dd6
        """)
    /// What wireguard-go sent: its handshake response, then the echo reply its kernel made,
    /// encrypted (wireguard-go's index is 36 93 09 1d on the wire, ours 01 00 47 57: `GoTranscript.firstIndex`, little-endian).
    static let response = hex("""
        020000003693091d01004757cfac01e3ccbf07d82095340e899ac2c2d6f635edd2f4b854beb6dc7ca8464e2ce6365f3f
        baca5f720ffdc6f6604b9d7595294e46e8028477f8bcd5302a7b060800000000000000000000000000000000
        """)
    static let echoReply = hex("""
        0400000001004757000000000000000089ee4ac0650d524959c015fa665cd11cc7c3fadb44e28d081a54ce6e50602441
        c653cdbd2cf9af1f0ef5a357a589b27d5ba7781c1fe3eb9b02f29c64778cf9013b25d8be6312edc03925c01aeba98af9
        """)
    /// The echo reply inside, as decrypted on the live run (the IP identification is the kernel's).
    static let echoReplyInner = hex("""
        45000031ebb2000040017a670a5800010a58000200004da15747000173776966742d636e6470207472616e736372697074
        """)

    /// Runs the core up to the session: initiation made, response consumed.
    func handshake() throws -> (WireGuardDevice, Peer) {
        let (device, peer) = GoTranscript.makeDevice()
        device.initiateHandshake(with: peer, now: GoTranscript.now)
        let sent = device.takeOutbox()
        try #require(sent.count == 1)
        #expect(sent[0].bytes == Self.initiation, "the core no longer makes the initiation wireguard-go answered")
        var response = Self.response
        let result = response.withUnsafeMutableBytes { device.receive($0, from: GoTranscript.wireguardGoEndpoint, now: GoTranscript.now) }
        guard case .handshake(let who) = result, who === peer else {
            Issue.record("wireguard-go's response refused: \(device.drops)")
            throw TranscriptError.refused
        }
        return (device, peer)
    }

    enum TranscriptError: Error { case refused }

    @Test func wireguardGoResponseGivesTheSessionItUsed() throws {
        #expect(Self.response.count == 92)
        let (device, peer) = try handshake()
        let session = try #require(peer.current)
        #expect(session.isInitiator && session.localIndex == GoTranscript.firstIndex)
        #expect(session.remoteIndex == 0x1d09_9336)   // 36 93 09 1d on the wire, little-endian
        // The keepalive that confirms the session is the one wireguard-go took (it answered data after it).
        let out = device.takeOutbox()
        #expect(out.count == 1 && out.first?.bytes == Self.keepalive && out.first?.endpoint == GoTranscript.wireguardGoEndpoint)
        var buffer = packetBuffer(GoTranscript.echoRequest)
        let length = buffer.length
        let sent = buffer.bytes.withUnsafeMutableBytes {
            device.encrypt($0, packetOffset: WireGuardDevice.headroom, packetLength: length, now: GoTranscript.now)
        }
        guard case .ready(let range, _) = sent else {
            Issue.record("echo request not encrypted")
            return
        }
        #expect(Array(buffer.bytes[range]) == Self.echoRequest)
        // The same response again: the handshake it belonged to is over.
        var again = Self.response
        #expect(again.withUnsafeMutableBytes { device.receive($0, from: GoTranscript.wireguardGoEndpoint, now: GoTranscript.now) }.isDropped)
        #expect(device.drops[.unexpectedResponse] == 1)
    }

    @Test func wireguardGoTransportDecryptsOnceAndOnlyIntact() throws {
        let (device, peer) = try handshake()
        let source = GoTranscript.wireguardGoEndpoint
        let now = GoTranscript.now + .seconds(1)

        // One flipped bit in the ciphertext, and one in the tag: refused, and the window untouched.
        for offset in [TransportHeader.size + 9, Self.echoReply.count - 3] {
            var flipped = Self.echoReply
            flipped[offset] ^= 0x01
            #expect(flipped.withUnsafeMutableBytes { device.receive($0, from: source, now: now) }.isDropped)
        }
        #expect(device.drops[.badAuthentication] == 2)

        var bytes = Self.echoReply
        let result = bytes.withUnsafeMutableBytes { device.receive($0, from: source, now: now) }
        guard case .packet(let who, let range) = result else {
            Issue.record("wireguard-go's transport packet refused: \(device.drops)")
            return
        }
        #expect(who === peer)
        let inner = Array(bytes[range])
        #expect(inner == Self.echoReplyInner)
        // And it is the answer to what we sent: ICMP echo reply (type 0), addresses swapped,
        // our identifier, sequence and payload, both checksums valid.
        let request = GoTranscript.echoRequest
        #expect(inner.count == request.count && inner[9] == 1 && inner[20] == 0)
        #expect(Array(inner[12..<16]) == Array(request[16..<20]) && Array(inner[16..<20]) == Array(request[12..<16]))
        #expect(Array(inner[24...]) == Array(request[24...]))
        #expect(GoTranscript.internetChecksum(Array(inner[0..<20])) == 0)
        #expect(GoTranscript.internetChecksum(Array(inner[20...])) == 0)

        // The same datagram again is a replay.
        var replayed = Self.echoReply
        #expect(replayed.withUnsafeMutableBytes { device.receive($0, from: source, now: now) }.isDropped)
        #expect(device.drops[.replay] == 1)
        #expect(peer.drops[.replay] == 1)
    }

    @Test func aFlippedBitInTheResponseGivesNoSession() {
        let (device, peer) = GoTranscript.makeDevice()
        device.initiateHandshake(with: peer, now: GoTranscript.now)
        _ = device.takeOutbox()
        var flipped = Self.response
        flipped[40] ^= 0x80
        #expect(flipped.withUnsafeMutableBytes { device.receive($0, from: GoTranscript.wireguardGoEndpoint, now: GoTranscript.now) }.isDropped)
        #expect(device.drops[.badMAC1] == 1 && peer.current == nil)
        // The genuine response still completes the same handshake.
        var response = Self.response
        guard case .handshake = response.withUnsafeMutableBytes({ device.receive($0, from: GoTranscript.wireguardGoEndpoint, now: GoTranscript.now) }) else {
            Issue.record("genuine response refused after a flipped one")
            return
        }
        #expect(peer.current != nil)
    }
}
