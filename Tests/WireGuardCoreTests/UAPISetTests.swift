import Testing
@testable import WireGuardCore

/// `set=1` requests as the stock `wg set` / `wg setconf` write them, applied to a device.
@Suite struct UAPISetTests {
    static let listenPort: UInt16 = 51820

    func set(_ device: WireGuardDevice, _ lines: [String], now: WireGuardTime = .seconds(1)) throws(UAPISetError) {
        try device.uapiSet((["set=1"] + lines).joined(separator: "\n") + "\n\n", listenPort: Self.listenPort, now: now)
    }

    @Test func addChangeAndRemoveAPeer() throws {
        let p = Pair()
        let other = X25519.publicKey(of: X25519.generatePrivateKey())
        try set(p.a, ["public_key=\(other.hex)", "endpoint=192.0.2.9:4000", "persistent_keepalive_interval=25",
                      "replace_allowed_ips=true", "allowed_ip=10.30.0.0/24", "allowed_ip=fd30::/64"])
        let added = try #require(p.a.peer(publicKey: other))
        #expect(added.endpoint == Endpoint("192.0.2.9:4000"))
        #expect(added.persistentKeepalive == 25)
        #expect(added.allowedIPs == [IPPrefix("10.30.0.0/24")!, IPPrefix("fd30::/64")!])
        #expect(p.a.route(IPAddress("10.30.0.7")!) === added)
        #expect(p.a.route(IPAddress("10.0.0.2")!) === p.bOnA)
        // The UAPI's get side shows what set did.
        let shown = p.a.uapiGetResponse(listenPort: Self.listenPort, now: .seconds(1), wallNow: (1, 0))
        #expect(shown.contains("public_key=\(other.hex)\nendpoint=192.0.2.9:4000"))
        #expect(shown.contains("allowed_ip=10.30.0.0/24\nallowed_ip=fd30::/64"))

        try set(p.a, ["public_key=\(other.hex)", "remove=true"])
        #expect(p.a.peer(publicKey: other) == nil)
        #expect(p.a.peers.count == 1)
        #expect(p.a.route(IPAddress("10.30.0.7")!) == nil)
        #expect(p.a.route(IPAddress("10.0.0.2")!) === p.bOnA)   // routes rebuilt with the new indices
    }

    @Test func allowedIPsMoveBetweenPeersAndTrafficFollows() throws {
        let p = Pair()
        _ = p.handshake()
        let other = X25519.publicKey(of: X25519.generatePrivateKey())
        // A prefix belongs to one peer: giving it to another takes it away.
        try set(p.a, ["public_key=\(other.hex)", "allowed_ip=10.0.0.2/32"])
        #expect(p.a.route(IPAddress("10.0.0.2")!) === p.a.peer(publicKey: other))
        #expect(!p.bOnA.allowedIPs.contains(IPPrefix("10.0.0.2/32")!))
        try set(p.a, ["public_key=\(p.b.publicKey.hex)", "replace_allowed_ips=true", "allowed_ip=10.0.0.2/32"])
        #expect(p.a.route(IPAddress("10.0.0.2")!) === p.bOnA)
        #expect(p.bOnA.allowedIPs == [IPPrefix("10.0.0.2/32")!])
        var buffer = packetBuffer(ipv4(from: "10.0.0.1", to: "10.0.0.2", payload: [1, 2, 3]))
        guard case .ready(let range, _) = p.send(from: p.a, &buffer) else { Issue.record("not sent after the change"); return }
        var wire = Array(buffer.bytes[range])
        #expect(wire.withUnsafeMutableBytes { p.b.receive($0, from: p.aEndpoint, now: p.now) }.packetRange != nil)
    }

    @Test func removingAPeerForgetsItsSessions() throws {
        let p = Pair()
        _ = p.handshake()
        var buffer = packetBuffer(ipv4(from: "10.0.0.2", to: "10.0.0.1", payload: [9]))
        guard case .ready(let range, _) = p.send(from: p.b, &buffer) else { Issue.record("not sent"); return }
        try set(p.a, ["public_key=\(p.b.publicKey.hex)", "remove=true"])
        var wire = Array(buffer.bytes[range])
        #expect(wire.withUnsafeMutableBytes { p.a.receive($0, from: p.bEndpoint, now: p.now) }.isDropped)
        #expect(p.a.drops[.unknownIndex] == 1)
    }

    @Test func persistentKeepaliveTurnedOnSendsAtOnce() throws {
        let p = Pair()
        _ = p.handshake()
        _ = p.a.takeOutbox()
        try set(p.a, ["public_key=\(p.b.publicKey.hex)", "persistent_keepalive_interval=5"], now: p.now)
        p.a.tick(now: p.now)
        let sent = p.deliver(from: p.a, to: p.b)
        #expect(sent.count == 1 && sent[0].0.isKeepalive)
        p.a.tick(now: p.now + .seconds(5))
        #expect(p.deliver(from: p.a, to: p.b).contains { $0.0.isKeepalive })
    }

    @Test func badRequestsAreRefusedWholeWithTheLine() {
        let p = Pair()
        let other = X25519.publicKey(of: X25519.generatePrivateKey())
        let cases: [([String], Int32, Int)] = [
            (["public_key=\(other.hex)", "allowed_ip=10.1.0.0/99"], 22, 3),
            (["public_key=\(other.hex)", "endpoint=nowhere"], 22, 3),
            (["public_key=abc"], 22, 2),
            (["public_key=\(other.hex)", "bogus=1"], 22, 3),
            (["listen_port=4"], 1, 2),
            (["private_key=\(Key32().hex)"], 1, 2),
            (["no equals sign"], 22, 2),
        ]
        for (lines, errno, line) in cases {
            do {
                try set(p.a, lines)
                Issue.record("accepted: \(lines)")
            } catch {
                #expect(error.errno == errno && error.line == line, "\(lines): \(error)")
            }
            #expect(p.a.peer(publicKey: other) == nil, "\(lines) applied in part")
        }
        #expect(throws: UAPISetError.self) { try p.a.uapiSet("get=1\n\n", listenPort: 1, now: .seconds(1)) }
        // Restating the port is fine.
        #expect(throws: Never.self) { try set(p.a, ["listen_port=\(Self.listenPort)", "replace_peers=false"]) }
    }

    @Test func replacePeersRemovesEveryPeer() throws {
        let p = Pair()
        try set(p.a, ["replace_peers=true"])
        #expect(p.a.peers.isEmpty)
        #expect(p.a.route(IPAddress("10.0.0.2")!) == nil)
    }

    @Test func hexKeysRoundTrip() {
        let k = X25519.generatePrivateKey()
        #expect(Key32(hex: k.hex) == k)
        #expect(Key32(hex: k.hex.uppercased()) == k)
        #expect(Key32(hex: String(k.hex.dropLast())) == nil)
        #expect(Key32(hex: String(k.hex.dropLast()) + "g") == nil)
    }
}
