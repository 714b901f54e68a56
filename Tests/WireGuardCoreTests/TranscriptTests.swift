import Testing
@testable import WireGuardCore

/// A handshake initiation captured from Debian's wireguard-go (0.0.20220316), sent to a UDP
/// listener on 127.0.0.1:51999 when a ping entered its tunnel, replayed against the core with
/// the keys it was made for.
@Suite struct TranscriptTests {
    static let ourPrivateKey = Key32(base64: "kEEg91O6piQqkM2GvyR3LQ00MzqhC97Zkes7Mklc4kc=")!
    static let wireguardGoPublicKey = Key32(base64: "6ipC3yLaoC/giMq/Ob5R6qOSU/VoxLOZvpF6/AMAU0A=")!
    static let initiation = hex("""
        01000000a6a0c8986f1d3b0c1c61142cbc1937fe9b374ea29eb1ba4e824ae3fa932abc49aa01c14429a938e0a0ba74a4
        200272024eedefb210ec7fcf45c2fd51ae3d104518a185c38a2135c6b5db577d0abd45318e1aff81bc1e055b671acd19
        f55c79271798b10a90a06938dce1e57a5a8020558559da0d0b1ff537819619891feaca16000000000000000000000000
        00000000
        """)

    @Test func wireguardGoInitiationIsAcceptedAndAnswered() throws {
        #expect(Self.initiation.count == 148)
        let device = WireGuardDevice(privateKey: Self.ourPrivateKey, jitter: { .zero })
        let peer = try #require(device.addPeer(publicKey: Self.wireguardGoPublicKey, allowedIPs: [IPPrefix("10.88.0.1/32")!]))
        let source = Endpoint(address: IPAddress("127.0.0.1")!, port: 40500)
        var bytes = Self.initiation
        let result = bytes.withUnsafeMutableBytes { device.receive($0, from: source, now: .seconds(10)) }
        guard case .handshake(let who) = result else {
            Issue.record("wireguard-go's initiation refused: \(device.drops)")
            return
        }
        #expect(who === peer)
        let response = device.takeOutbox()
        #expect(response.count == 1 && response[0].bytes.count == 92 && response[0].endpoint == source)
        // The response names wireguard-go's sender index.
        #expect(Array(response[0].bytes[8..<12]) == Array(Self.initiation[4..<8]))
        // The same bytes again are a replay.
        var again = Self.initiation
        #expect(again.withUnsafeMutableBytes { device.receive($0, from: source, now: .seconds(11)) }.isDropped)
        #expect(device.drops[.replayedInitiation] == 1)
    }

    @Test func itsTimestampIsTAI64NOfItsWallClock() throws {
        guard case .initiation(let m) = try WireGuardMessage.parse(Self.initiation) else { Issue.record("not an initiation"); return }
        let ss = try #require(X25519.sharedSecret(Self.ourPrivateKey, Self.wireguardGoPublicKey))
        let consumed = try #require(Noise.consumeInitiation(m, localStatic: Self.ourPrivateKey,
                                                             localStaticPublic: X25519.publicKey(of: Self.ourPrivateKey),
                                                             staticStatic: { $0 == Self.wireguardGoPublicKey ? ss : nil }))
        #expect(consumed.remoteStatic == Self.wireguardGoPublicKey)
        let label = consumed.timestamp[0..<8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let unix = label - TAI64N.base
        #expect(unix > 1_700_000_000 && unix < 2_500_000_000)     // a date this decade or next
    }

    @Test func aFlippedBitAnywhereBeforeMAC1IsRefused() {
        let device = WireGuardDevice(privateKey: Self.ourPrivateKey, jitter: { .zero })
        device.addPeer(publicKey: Self.wireguardGoPublicKey)
        let offsets = Array(stride(from: 4, to: HandshakeInitiation.mac1Offset + 16, by: 7))
        for offset in offsets {
            var bytes = Self.initiation
            bytes[offset] ^= 0x10
            #expect(bytes.withUnsafeMutableBytes { device.receive($0, from: Endpoint(address: .v4(1), port: 1), now: .seconds(1)) }.isDropped)
        }
        let refused: UInt64 = device.drops[.badMAC1] ?? 0
        #expect(refused == UInt64(offsets.count))
    }
}
