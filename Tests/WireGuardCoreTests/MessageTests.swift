import Testing
@testable import WireGuardCore

/// The parser takes any bytes: every message type at every wrong length, bad headers, noise.
@Suite struct MessageTests {
    static let sizes: [UInt8: Int] = [1: 148, 2: 92, 3: 64]

    @Test(arguments: [UInt8(1), 2, 3])
    func handshakeMessagesOfAnyOtherLengthAreRefused(type: UInt8) {
        let size = Self.sizes[type]!
        for length in [1, 4, size - 1, size + 1, 1500] {
            var bytes = [UInt8](repeating: 0, count: length)
            bytes[0] = type
            #expect(throws: MessageError(reason: .wrongLength(type: type, expected: size, actual: length))) {
                try WireGuardMessage.parse(bytes)
            }
        }
        var exact = [UInt8](repeating: 0, count: size)
        exact[0] = type
        #expect((try? WireGuardMessage.parse(exact)) != nil)
    }

    @Test func transportShorterThanHeaderAndTagIsRefused() throws {
        for length in [1, 16, 31] {
            var bytes = [UInt8](repeating: 0, count: length)
            bytes[0] = 4
            #expect(throws: MessageError(reason: .transportTooShort(actual: length))) { try WireGuardMessage.parse(bytes) }
        }
        var keepalive = [UInt8](repeating: 0, count: 32)
        keepalive[0] = 4
        keepalive[4] = 7
        keepalive[8] = 9
        try #expect(WireGuardMessage.parse(keepalive) == .transport(TransportHeader(receiver: 7, counter: 9)))
    }

    @Test func emptyUnknownTypeAndReservedBytesAreNamed() {
        #expect(throws: MessageError(reason: .empty)) { try WireGuardMessage.parse([]) }
        #expect(throws: MessageError(reason: .unknownType(5))) { try WireGuardMessage.parse([5, 0, 0, 0]) }
        var bytes = [UInt8](repeating: 0, count: 148)
        bytes[0] = 1
        bytes[2] = 1
        do {
            _ = try WireGuardMessage.parse(bytes)
            Issue.record("accepted a non-zero reserved byte")
        } catch {
            #expect(error.description == "byte 2: reserved header byte is not zero")
        }
    }

    @Test func serialisationRoundTrips() throws {
        let p = Pair()
        p.a.initiateHandshake(with: p.bOnA, now: p.now)
        let bytes = p.a.takeOutbox()[0].bytes
        guard case .initiation(let m) = try WireGuardMessage.parse(bytes) else { Issue.record("not an initiation"); return }
        #expect(m.bytes == bytes)
    }

    /// 20 000 random byte strings, biased to valid types and lengths: no trap, and whatever
    /// parses also survives the device.
    @Test func randomBytesNeverTrap() {
        var rng = SystemRandomNumberGenerator()
        let device = WireGuardDevice(privateKey: X25519.generatePrivateKey())
        let source = Endpoint(address: .v4(1), port: 1)
        for _ in 0..<20_000 {
            let length = [0, 1, 4, 31, 32, 64, 92, 148, 200].randomElement(using: &rng)! + Int.random(in: 0...1, using: &rng)
            var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            if !bytes.isEmpty, Bool.random(using: &rng) { bytes[0] = UInt8.random(in: 1...4, using: &rng) }
            if bytes.count >= 4, Bool.random(using: &rng) { bytes[1] = 0; bytes[2] = 0; bytes[3] = 0 }
            _ = try? WireGuardMessage.parse(bytes)
            _ = bytes.withUnsafeMutableBytes { device.receive($0, from: source, now: .seconds(1)) }
        }
        #expect(device.drops.values.reduce(0, +) == 20_000)
    }
}

/// The 2048-bit anti-replay window.
@Suite struct ReplayWindowTests {
    @Test func inOrderOutOfOrderDuplicatesAndTooOld() {
        var w = ReplayWindow()
        #expect(accept(&w, 0))
        #expect(!accept(&w, 0))
        #expect(accept(&w, 5))
        #expect(accept(&w, 3))
        #expect(!accept(&w, 3))
        #expect(accept(&w, 3000))
        // Within the window behind the newest (1984 counters): accepted once.
        #expect(accept(&w, 3000 - 1983))
        #expect(!accept(&w, 3000 - 1983))
        // Beyond it: refused even if never seen.
        #expect(!accept(&w, 3000 - 2100))
        #expect(!accept(&w, 4))
    }

    @Test func largeJumpClearsTheWholeRing() {
        var w = ReplayWindow()
        for c in 0..<2048 { #expect(accept(&w, UInt64(c))) }
        #expect(accept(&w, 1_000_000))
        // Counters just behind the new head were never seen: the old bits must not linger.
        #expect(accept(&w, 1_000_000 - 64))
        #expect(accept(&w, 999_999))
        #expect(!accept(&w, 2047))
    }

    @Test func counterAtTheRejectLimitIsRefused() {
        var w = ReplayWindow()
        #expect(!accept(&w, Timing.rejectAfterMessages))
        #expect(accept(&w, Timing.rejectAfterMessages - 1))
    }
}

/// Cryptokey routing: longest prefix, v4 and v6 apart, one owner per prefix.
@Suite struct AllowedIPsTests {
    @Test func longestPrefixWins() {
        var t = AllowedIPs<String>()
        t.insert(IPPrefix("0.0.0.0/0")!, "default")
        t.insert(IPPrefix("10.0.0.0/8")!, "ten")
        t.insert(IPPrefix("10.1.2.0/24")!, "subnet")
        t.insert(IPPrefix("::/0")!, "v6default")
        t.insert(IPPrefix("fd00::/64")!, "ula")
        #expect(t.lookup(IPAddress("10.1.2.3")!) == "subnet")
        #expect(t.lookup(IPAddress("10.1.3.3")!) == "ten")
        #expect(t.lookup(IPAddress("192.0.2.1")!) == "default")
        #expect(t.lookup(IPAddress("fd00::5")!) == "ula")
        #expect(t.lookup(IPAddress("fd01::5")!) == "v6default")
        t.insert(IPPrefix("10.0.0.0/8")!, "moved")
        #expect(t.lookup(IPAddress("10.200.0.1")!) == "moved")
        #expect(t.entries.count == 5)
    }

    @Test func prefixParsingClearsHostBitsAndRefusesNonsense() {
        #expect(IPPrefix("10.1.2.3/8")?.description == "10.0.0.0/8")
        #expect(IPPrefix("fd00::1:2/112")?.description == "fd00::1:0/112")
        #expect(IPPrefix("10.0.0.1")?.length == 32)
        #expect(IPPrefix("10.0.0.0/33") == nil)
        #expect(IPPrefix("fd00::/129") == nil)
        #expect(IPPrefix("10.0.0/8") == nil)
        #expect(IPPrefix("10.0.0.0/x") == nil)
    }

    @Test func endpointsParse() {
        #expect(Endpoint("192.0.2.1:51820") == Endpoint(address: IPAddress("192.0.2.1")!, port: 51820))
        #expect(Endpoint("[2001:db8::1]:443")?.description == "[2001:db8::1]:443")
        #expect(Endpoint("2001:db8::1:443") == nil)
        #expect(Endpoint("192.0.2.1:70000") == nil)
        #expect(Endpoint("host.example:1") == nil)
    }
}

/// `#expect` cannot take a mutating call directly.
private func accept(_ w: inout ReplayWindow, _ counter: UInt64) -> Bool { w.accept(counter) }
