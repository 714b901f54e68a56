import Testing
@testable import WireGuardCore

/// A whole handshake with wireguard-go initiating, replayed from bytes captured on a live run
/// (Tests/WireGuard/capture-transcript.sh, its second phase, `GoTranscriptCapture`; Debian's
/// wireguard-go 0.0.20220316 in a namespace, the throwaway keys of `GoTranscript`, 2026-12-08):
/// a UDP datagram to 10.88.0.2:9 entering wireguard-go's tunnel made it initiate; the core
/// answered; wireguard-go then sent that datagram encrypted under the keys of the core's
/// response. Our response is deterministic (fixed ephemeral key and index), so the replay
/// checks the core makes exactly the response wireguard-go took, and that what wireguard-go
/// sent under it decrypts.
@Suite struct GoInitiatedTranscriptTests {
    static let initiation = hex("""
        01000000ebfb9984c282452484cb8af6009ed1d22073bcdf7ade7d1b9914a3245f26bf0c9876bc6b6df6c62f3c5373d0
        f05c15ebadcffdb3436456ca961f3990eb110dbd22c7a2d63a9c9cec5479d073423739697936ea4842e0325c53c096b8
        610f47f1f416e078a0f79c507870d5c5a763c2b11e6ac0d28cbfe20a72750cf4f8ad8de4000000000000000000000000
        00000000
        """)
    /// The core's response on the live run.
    static let response = hex("""
        0200000001004757ebfb9984b1f9a1451a3e1e073912a866f7c31e19af5c87e10bfb370332a3898639b2515ac602c3c7
        87351beb239964f36b50feffd7f82c01f0197b09b6364ee0a5c7359d00000000000000000000000000000000
        """)
    /// wireguard-go's first transport packet after it.
    static let transport = hex("""
        04000000010047570000000000000000c0835ca1ef1c212ff3b0ab7c5d4e00fe450cd3999fb270075f0860c17a377fc9
        a4df9387476f09833cd86388aeee05903af7a2d0e679632dd8e1eb083bc669ea4dfa16b2e63f5a07949bdf4276426a19
        """)
    /// Inside it, as decrypted on the live run: UDP 10.88.0.1:42034 -> 10.88.0.2:9 (the kernel's
    /// source port and IP identification).
    static let transportInner = hex("""
        450000317c6e40004011a99b0a5800010a580002a4320009001debaf73776966742d636e6470207472616e736372697074
        """)

    @Test func theCoreAnswersAsOnTheLiveRunAndDecryptsWhatFollowed() throws {
        let (device, peer) = GoTranscript.makeDevice()
        let source = GoTranscript.wireguardGoEndpoint
        let now = GoTranscript.now
        var initiation = Self.initiation
        guard case .handshake(let who) = initiation.withUnsafeMutableBytes({ device.receive($0, from: source, now: now) }) else {
            Issue.record("wireguard-go's initiation refused: \(device.drops)")
            return
        }
        #expect(who === peer)
        let out = device.takeOutbox()
        #expect(out.count == 1 && out.first?.bytes == Self.response && out.first?.endpoint == source,
                "the core no longer makes the response wireguard-go took")
        // The responder holds the session until the initiator's first data proves it has it too.
        #expect(peer.current == nil && peer.next != nil)

        // A flipped bit in the ciphertext: refused, the session still unconfirmed.
        var flipped = Self.transport
        flipped[TransportHeader.size + 1] ^= 0x04
        #expect(flipped.withUnsafeMutableBytes { device.receive($0, from: source, now: now) }.isDropped)
        #expect(device.drops[.badAuthentication] == 1 && peer.current == nil)

        var bytes = Self.transport
        guard case .packet(_, let range) = bytes.withUnsafeMutableBytes({ device.receive($0, from: source, now: now) }) else {
            Issue.record("wireguard-go's transport packet refused: \(device.drops)")
            return
        }
        let inner = Array(bytes[range])
        #expect(inner == Self.transportInner)
        // What the capture sent into the tunnel: UDP to 10.88.0.2 port 9, our payload.
        #expect(inner[9] == 17 && Array(inner[12..<16]) == IPAddress(GoTranscript.wireguardGoTunnelAddress)!.networkBytes
                && Array(inner[16..<20]) == IPAddress(GoTranscript.ourTunnelAddress)!.networkBytes)
        #expect(inner[22] == 0 && inner[23] == 9 && Array(inner[28...]) == GoTranscript.echoPayload)
        #expect(GoTranscript.internetChecksum(Array(inner[0..<20])) == 0)
        #expect(peer.current != nil && peer.next == nil)

        // Replayed: the transport packet, and the initiation.
        var again = Self.transport
        #expect(again.withUnsafeMutableBytes { device.receive($0, from: source, now: now) }.isDropped)
        #expect(device.drops[.replay] == 1)
        var initiationAgain = Self.initiation
        #expect(initiationAgain.withUnsafeMutableBytes { device.receive($0, from: source, now: now + .seconds(1)) }.isDropped)
        #expect(device.drops[.replayedInitiation] == 1)
    }
}
