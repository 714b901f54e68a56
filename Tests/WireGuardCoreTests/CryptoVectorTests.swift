import Testing
@testable import WireGuardCore

/// Every primitive against its RFC's vectors (and HMAC-BLAKE2s against OpenSSL's).
@Suite struct CryptoVectorTests {
    @Test func x25519RFC7748Section5_2() {
        let scalar = key("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4")
        let u = key("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c")
        #expect(X25519.sharedSecret(scalar, u) == key("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552"))
    }

    @Test func x25519RFC7748Section6_1DiffieHellman() {
        let a = key("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a")
        let b = key("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb")
        #expect(X25519.publicKey(of: a) == key("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"))
        #expect(X25519.publicKey(of: b) == key("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"))
        let shared = key("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742")
        #expect(X25519.sharedSecret(a, X25519.publicKey(of: b)) == shared)
        #expect(X25519.sharedSecret(b, X25519.publicKey(of: a)) == shared)
    }

    @Test func x25519RejectsLowOrderPoint() {
        // u = 0 is of small order: the shared secret is all zero and must be refused.
        #expect(X25519.sharedSecret(X25519.generatePrivateKey(), Key32()) == nil)
    }

    static let sunscreen = Array("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.".utf8)

    @Test func chaCha20Poly1305RFC8439Section2_8_2InPlace() {
        let k = key("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f")
        let nonce = hex("070000004041424344454647")
        let aad = hex("50515253c0c1c2c3c4c5c6c7")
        var buffer = Self.sunscreen
        var tag = [UInt8](repeating: 0, count: 16)
        buffer.withUnsafeMutableBytes { b in
            aad.withUnsafeBytes { a in
                ChaChaPoly.sealInPlace(key: k, nonce: nonce, data: b.baseAddress!, count: b.count, tag: &tag, aad: a)
            }
        }
        #expect(buffer == hex("""
            d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da92728b
            1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc
            3ff4def08e4b7a9de576d26586cec64b6116
            """))
        #expect(tag == hex("1ae10b594f09e26a7e902ecbd0600691"))
        let opened = buffer.withUnsafeMutableBytes { b in
            aad.withUnsafeBytes { a in
                ChaChaPoly.openInPlace(key: k, nonce: nonce, data: b.baseAddress!, count: b.count, tag: tag, aad: a)
            }
        }
        #expect(opened)
        #expect(buffer == Self.sunscreen)
    }

    @Test func chaCha20Poly1305RejectsAFlippedBit() {
        let k = SecureRandom.key()
        var sealed = [UInt8](repeating: 0, count: 0).withUnsafeBytes { ChaChaPoly.seal(key: k, counter: 7, plaintext: Array(1...40), aad: $0) }
        sealed[3] ^= 1
        #expect(sealed.withUnsafeBytes { _ in ChaChaPoly.open(key: k, counter: 7, sealed: sealed, aad: UnsafeRawBufferPointer(start: nil, count: 0)) } == nil)
    }

    @Test func xChaCha20Poly1305DraftIrtfCfrgXChaChaA_3_1() {
        let k = key("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f")
        let nonce = hex("404142434445464748494a4b4c4d4e4f5051525354555657")
        let aad = hex("50515253c0c1c2c3c4c5c6c7")
        let sealed = XChaChaPoly.seal(key: k, nonce: nonce, plaintext: Self.sunscreen, aad: aad)
        #expect(sealed == hex("""
            bd6d179d3e83d43b9576579493c0e939572a1700252bfaccbed2902c21396cbb731c7f1b0b4aa6440bf3a82f4eda7e39
            ae64c6708c54c216cb96b72e1213b4522f8c9ba40db5d945b11b69b982c1bb9e3f3fac2bc369488f76b2383565d3fff9
            21f9664c97637da9768812f615c68b13b52ec0875924c1c7987947deafd8780acf49
            """))
        #expect(XChaChaPoly.open(key: k, nonce: nonce, sealed: sealed!, aad: aad) == Self.sunscreen)
        #expect(XChaChaPoly.open(key: k, nonce: nonce, sealed: sealed!, aad: [1]) == nil)
    }

    @Test func blake2sRFC7693AppendixB() {
        let abc = Array("abc".utf8)
        let h = abc.withUnsafeBytes { Blake2s.hash($0) }
        #expect(h == key("508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982"))
    }

    /// RFC 7693 Appendix E: unkeyed and keyed BLAKE2s at output lengths 16, 20, 28 and 32 over
    /// six input lengths, folded into one grand hash. Covers the keyed 16-byte MAC WireGuard uses.
    @Test func blake2sRFC7693AppendixESelfTest() {
        func sequence(_ count: Int, seed: UInt32) -> [UInt8] {
            var a = 0xDEAD4BAD &* seed, b: UInt32 = 1
            return (0..<count).map { _ in
                let t = a &+ b
                a = b
                b = t
                return UInt8(truncatingIfNeeded: t >> 24)
            }
        }
        var grand = [UInt8]()
        for outputLength in [16, 20, 28, 32] {
            for inputLength in [0, 3, 64, 65, 255, 1024] {
                let input = sequence(inputLength, seed: UInt32(inputLength))
                grand += Blake2s.digest(outputLength: outputLength, key: [], input)
                grand += Blake2s.digest(outputLength: outputLength, key: sequence(outputLength, seed: UInt32(outputLength)), input)
            }
        }
        #expect(Blake2s.digest(outputLength: 32, key: [], grand)
            == hex("6a411f08ce25adcdfb02aba641451cec53c598b24f4fc787fbdc88797f4c1dfe"))
        // The 16-byte keyed form WireGuard's MAC uses goes through the same code as `digest`.
        let k = SecureRandom.key()
        let mac = input16.withUnsafeBytes { Blake2s.mac(key: k, $0) }
        #expect(mac.withUnsafeBytes { Array($0) } == Blake2s.digest(outputLength: 16, key: k.bytes, input16))
    }

    private let input16 = Array("mac1 input".utf8)

    /// HMAC-BLAKE2s has no RFC vector; these were computed with OpenSSL 3's independent
    /// implementation: `openssl mac -digest BLAKE2S-256 -macopt hexkey:<key> -in <file> HMAC`.
    @Test func hmacBlake2sAgainstOpenSSL() {
        let message = Array("WireGuard HMAC test".utf8)
        let k = key("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")
        #expect(message.withUnsafeBytes { Blake2s.hmac(key: k, $0) }
            == key("9826477d736cfb8534349d0b3ca804914a788554527ea0ca7f7f5a39a60b460f"))
        #expect(Blake2s.hmac(anyKey: [1, 2], message)
            == key("a452faa69daf58210257b86d3b8a84503d45c94431b71c6eba6a0980c396f0e5"))
    }
}
