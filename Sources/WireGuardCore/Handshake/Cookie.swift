/// mac1/mac2 and cookies, the responder's side: proves a handshake message came from a host
/// that knows our public key (mac1) and, under load, that it can receive at its source address (mac2).
struct CookieChecker {
    static let mac1Label = Array("mac1----".utf8)
    static let cookieLabel = Array("cookie--".utf8)
    let mac1Key: Key32
    let cookieKey: Key32
    var secret = Key32()
    var secretCreated: WireGuardTime?

    init(publicKey: Key32) {
        mac1Key = Self.mac1Label.withUnsafeBytes { l in publicKey.withUnsafeBytes { Blake2s.hash(l, $0) } }
        cookieKey = Self.cookieLabel.withUnsafeBytes { l in publicKey.withUnsafeBytes { Blake2s.hash(l, $0) } }
    }

    /// Whether mac1 of the message (`bytes`, mac1 at `mac1Offset`) is right.
    func checkMAC1(_ bytes: UnsafeRawBufferPointer, mac1Offset: Int) -> Bool {
        let expected = Blake2s.mac(key: mac1Key, UnsafeRawBufferPointer(rebasing: bytes[0..<mac1Offset]))
        return expected.constantTimeEquals(bytes.mac(mac1Offset))
    }

    /// Whether mac2 is the MAC under the cookie we would give `source` now.
    func checkMAC2(_ bytes: UnsafeRawBufferPointer, mac2Offset: Int, source: [UInt8], now: WireGuardTime) -> Bool {
        guard let created = secretCreated, now < created + Timing.cookieRefresh else { return false }
        let cookie = source.withUnsafeBytes { Blake2s.mac(key: secret, $0) }
        let expected = cookie.withUnsafeBytes { Blake2s.mac(key: $0, UnsafeRawBufferPointer(rebasing: bytes[0..<mac2Offset])) }
        return expected.constantTimeEquals(bytes.mac(mac2Offset))
    }

    /// A cookie reply to the message `bytes` (whose sender index is `receiver`) from `source`.
    mutating func makeReply(to bytes: UnsafeRawBufferPointer, mac1Offset: Int, receiver: UInt32, source: [UInt8],
                            now: WireGuardTime) -> CookieReply? {
        if secretCreated == nil || now >= secretCreated! + Timing.cookieRefresh {
            secret = SecureRandom.key()
            secretCreated = now
        }
        let cookie = source.withUnsafeBytes { Blake2s.mac(key: secret, $0) }
        var nonce = [UInt8](repeating: 0, count: 24)
        nonce.withUnsafeMutableBytes { SecureRandom.fill($0) }
        let mac1 = bytes.bytes(mac1Offset, 16)
        guard let sealed = XChaChaPoly.seal(key: cookieKey, nonce: nonce, plaintext: cookie.withUnsafeBytes { Array($0) }, aad: mac1) else { return nil }
        return CookieReply(receiver: receiver, nonce: nonce, encryptedCookie: sealed)
    }
}

/// mac1/mac2 and cookies, the sender's side, per peer.
struct CookieGenerator {
    let mac1Key: Key32
    let cookieKey: Key32
    var cookie: Mac16?
    var cookieReceived: WireGuardTime?
    var lastMAC1: [UInt8]?

    init(remotePublicKey: Key32) {
        mac1Key = CookieChecker.mac1Label.withUnsafeBytes { l in remotePublicKey.withUnsafeBytes { Blake2s.hash(l, $0) } }
        cookieKey = CookieChecker.cookieLabel.withUnsafeBytes { l in remotePublicKey.withUnsafeBytes { Blake2s.hash(l, $0) } }
    }

    /// Fills mac1 and (with a fresh cookie) mac2 of an outgoing handshake message.
    mutating func addMACs(_ bytes: inout [UInt8], mac1Offset: Int, now: WireGuardTime) {
        bytes.withUnsafeMutableBytes { b in
            let mac1 = Blake2s.mac(key: mac1Key, UnsafeRawBufferPointer(rebasing: b[0..<mac1Offset]))
            mac1.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: b[mac1Offset..<(mac1Offset + 16)]).copyMemory(from: $0) }
            lastMAC1 = mac1.withUnsafeBytes { Array($0) }
            let mac2Offset = mac1Offset + 16
            if let cookie, let received = cookieReceived, now < received + Timing.cookieRefresh - Timing.rekeyTimeout {
                let mac2 = cookie.withUnsafeBytes { Blake2s.mac(key: $0, UnsafeRawBufferPointer(rebasing: b[0..<mac2Offset])) }
                mac2.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: b[mac2Offset..<(mac2Offset + 16)]).copyMemory(from: $0) }
            }
        }
    }

    /// Takes the cookie from a reply to the last message we sent; false when it does not open.
    mutating func consume(_ reply: CookieReply, now: WireGuardTime) -> Bool {
        guard let lastMAC1,
              let plain = XChaChaPoly.open(key: cookieKey, nonce: reply.nonce, sealed: reply.encryptedCookie, aad: lastMAC1),
              plain.count == 16 else { return false }
        cookie = plain.withUnsafeBytes { Mac16(copying: $0.baseAddress!) }
        cookieReceived = now
        return true
    }
}
