import Testing
@testable import WireGuardCore

/// wg-quick files: what they configure, and located errors for what is wrong.
@Suite struct ConfigTests {
    static let ours = X25519.generatePrivateKey()
    static let theirs = X25519.publicKey(of: X25519.generatePrivateKey())

    @Test func aCompleteFileConfiguresTheDevice() throws {
        let text = """
            # a comment
            [Interface]
            PrivateKey = \(Self.ours.base64)
            ListenPort = 51820
            Address = 10.0.0.1/24, fd00::1/64   # both families
            DNS = 1.1.1.1
            MTU = 1400

            [Peer]
            PublicKey = \(Self.theirs.base64)
            AllowedIPs = 10.0.0.2/32
            AllowedIPs = fd00::2/128
            Endpoint = [2001:db8::2]:51821
            PersistentKeepalive = 25
            """
        let c = try WireGuardConfig(parsing: text)
        #expect(c.interface.privateKey == Self.ours)
        #expect(c.interface.listenPort == 51820)
        #expect(c.interface.addresses.map(\.description) == ["10.0.0.0/24", "fd00::/64"])
        #expect(c.peers.count == 1)
        #expect(c.peers[0].publicKey == Self.theirs)
        #expect(c.peers[0].allowedIPs.count == 2)
        #expect(c.peers[0].endpoint?.description == "[2001:db8::2]:51821")
        #expect(c.peers[0].persistentKeepalive == 25)
        let device = WireGuardDevice(config: c)
        #expect(device.mtu == 1400)
        #expect(device.route(IPAddress("fd00::2")!)?.publicKey == Self.theirs)
    }

    @Test(arguments: [
        ("[Interface]\nPrivateKey = abc\n", "line 2: PrivateKey = abc: expected a base64 key of 32 bytes"),
        ("PrivateKey = x\n", "line 1: PrivateKey before any [Interface] or [Peer]"),
        ("[Interface]\nPrivateKey = \(ours.base64)\n[Peer]\nAllowedIPs = 10.0.0.0/8\n", "line 3: [Peer] has no PublicKey"),
        ("[Interface]\nPrivateKey = \(ours.base64)\n[Peer]\nPublicKey = \(theirs.base64)\nAllowedIPs = 10.0.0.0/40\n",
         "line 5: AllowedIPs = 10.0.0.0/40: expected comma-separated address/length"),
        ("[Interface]\nPrivateKey = \(ours.base64)\nListenPort = 99999\n", "line 3: ListenPort = 99999: expected a port 0-65535"),
        ("[Interface]\nPrivateKey = \(ours.base64)\nColour = blue\n", "line 3: unknown key Colour in [Interface]"),
        ("[Interface]\nPrivateKey = \(ours.base64)\n[Peers]\n", "line 3: unknown section [peers] (expected [Interface] or [Peer])"),
        ("[Interface]\nPrivateKey = \(ours.base64)\njust words\n", "line 3: expected `[Section]` or `Key = Value`"),
        ("[Interface]\nListenPort = 1\n", "[Interface] has no PrivateKey"),
        ("[Interface]\nPrivateKey = \(ours.base64)\n[Peer]\nPublicKey = \(theirs.base64)\nEndpoint = vpn.example.com:51820\n",
         "line 5: Endpoint = vpn.example.com:51820: expected a numeric address:port ([v6]:port)"),
    ])
    func badFilesNameTheLine(text: String, message: String) {
        do {
            _ = try WireGuardConfig(parsing: text)
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.description == message)
        }
    }
}

/// The UAPI `get=1` answer `wg show` parses.
@Suite struct UAPITests {
    @Test func getListsThePeerWithHandshakeTimeAndCounters() {
        let p = Pair(psk: SecureRandom.key())
        _ = p.handshake()
        p.now = p.now + .seconds(3)
        let text = p.b.uapiGetResponse(listenPort: 51821, now: p.now, wallNow: (1_700_000_100, 500))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("private_key=") == true && lines[0].count == 12 + 64)
        #expect(lines.contains("listen_port=51821"))
        #expect(lines.contains("public_key=\(p.a.publicKey.hex)"))
        #expect(lines.contains("endpoint=192.0.2.1:51820"))
        #expect(lines.contains("last_handshake_time_sec=1700000097"))
        #expect(lines.contains("allowed_ip=10.0.0.1/32") && lines.contains("allowed_ip=fd00::1/128"))
        #expect(lines.contains { $0.hasPrefix("rx_bytes=") && $0 != "rx_bytes=0" })
        #expect(text.hasSuffix("errno=0\n\n"))
        #expect(Key32(bytes: hex("0001ff" + String(repeating: "00", count: 29)))!.hex.hasPrefix("0001ff00"))
    }
}
