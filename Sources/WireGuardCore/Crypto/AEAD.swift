import CSodium

/// ChaCha20-Poly1305 (RFC 8439, IETF variant) from libsodium, detached tag, in place: the
/// transport path encrypts and decrypts inside the caller's packet buffer.
public enum ChaChaPoly {
    /// The tag length.
    public static let tagSize = 16

    /// WireGuard's nonce: four zero bytes, then the 64-bit counter little-endian.
    @inline(__always) static func withNonce<R>(_ counter: UInt64, _ body: (UnsafePointer<UInt8>) -> R) -> R {
        // Three UInt32s: 12 bytes with no padding.
        var nonce = (UInt32(0), UInt32(truncatingIfNeeded: counter).littleEndian,
                     UInt32(truncatingIfNeeded: counter >> 32).littleEndian)
        return withUnsafeBytes(of: &nonce) { body($0.baseAddress!.assumingMemoryBound(to: UInt8.self)) }
    }

    /// Encrypts `count` bytes at `data` in place and writes the 16-byte tag at `tag`.
    public static func sealInPlace(key: Key32, counter: UInt64, data: UnsafeMutableRawPointer, count: Int,
                                   tag: UnsafeMutableRawPointer, aad: UnsafeRawBufferPointer = UnsafeRawBufferPointer(start: nil, count: 0)) {
        withNonce(counter) { sealInPlace(key: key, nonce: $0, data: data, count: count, tag: tag, aad: aad) }
    }

    /// Decrypts `count` bytes at `data` in place when the tag at `tag` authenticates them;
    /// false (and the bytes untouched) otherwise.
    public static func openInPlace(key: Key32, counter: UInt64, data: UnsafeMutableRawPointer, count: Int,
                                   tag: UnsafeRawPointer, aad: UnsafeRawBufferPointer = UnsafeRawBufferPointer(start: nil, count: 0)) -> Bool {
        withNonce(counter) { openInPlace(key: key, nonce: $0, data: data, count: count, tag: tag, aad: aad) }
    }

    /// `sealInPlace` with an arbitrary 12-byte nonce (RFC 8439's vectors use one).
    static func sealInPlace(key: Key32, nonce: UnsafePointer<UInt8>, data: UnsafeMutableRawPointer, count: Int,
                            tag: UnsafeMutableRawPointer, aad: UnsafeRawBufferPointer) {
        ensureSodium()
        key.withUnsafeBytes { k in
            do {
                let m = data.assumingMemoryBound(to: UInt8.self)
                _ = crypto_aead_chacha20poly1305_ietf_encrypt_detached(
                    m, tag.assumingMemoryBound(to: UInt8.self), nil, m, UInt64(count),
                    aad.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt64(aad.count), nil,
                    nonce, k.baseAddress!.assumingMemoryBound(to: UInt8.self))
            }
        }
    }

    /// `openInPlace` with an arbitrary 12-byte nonce.
    static func openInPlace(key: Key32, nonce: UnsafePointer<UInt8>, data: UnsafeMutableRawPointer, count: Int,
                            tag: UnsafeRawPointer, aad: UnsafeRawBufferPointer) -> Bool {
        ensureSodium()
        return key.withUnsafeBytes { k in
            do {
                let c = data.assumingMemoryBound(to: UInt8.self)
                return crypto_aead_chacha20poly1305_ietf_decrypt_detached(
                    c, nil, c, UInt64(count), tag.assumingMemoryBound(to: UInt8.self),
                    aad.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt64(aad.count),
                    nonce, k.baseAddress!.assumingMemoryBound(to: UInt8.self)) == 0
            }
        }
    }

    /// Encrypts `plaintext` into a new array `ciphertext || tag` (handshake messages).
    public static func seal(key: Key32, counter: UInt64, plaintext: [UInt8], aad: UnsafeRawBufferPointer) -> [UInt8] {
        var out = plaintext + [UInt8](repeating: 0, count: tagSize)
        out.withUnsafeMutableBytes { b in
            sealInPlace(key: key, counter: counter, data: b.baseAddress!, count: plaintext.count,
                        tag: b.baseAddress! + plaintext.count, aad: aad)
        }
        return out
    }

    /// Decrypts `ciphertext || tag`; nil when it does not authenticate or is shorter than a tag.
    public static func open(key: Key32, counter: UInt64, sealed: [UInt8], aad: UnsafeRawBufferPointer) -> [UInt8]? {
        guard sealed.count >= tagSize else { return nil }
        var buf = sealed
        let n = sealed.count - tagSize
        let ok = buf.withUnsafeMutableBytes { b in
            openInPlace(key: key, counter: counter, data: b.baseAddress!, count: n, tag: b.baseAddress! + n, aad: aad)
        }
        return ok ? Array(buf[0..<n]) : nil
    }
}

/// XChaCha20-Poly1305 (24-byte nonce) from libsodium: WireGuard's cookie reply.
public enum XChaChaPoly {
    /// Encrypts `plaintext` into `ciphertext || tag`.
    public static func seal(key: Key32, nonce: [UInt8], plaintext: [UInt8], aad: [UInt8]) -> [UInt8]? {
        ensureSodium()
        guard nonce.count == 24 else { return nil }
        var out = [UInt8](repeating: 0, count: plaintext.count + 16)
        var outLength: UInt64 = 0
        let status = key.withUnsafeBytes { k in
            crypto_aead_xchacha20poly1305_ietf_encrypt(&out, &outLength, plaintext, UInt64(plaintext.count),
                                                       aad, UInt64(aad.count), nil, nonce,
                                                       k.baseAddress!.assumingMemoryBound(to: UInt8.self))
        }
        return status == 0 ? out : nil
    }

    /// Decrypts `ciphertext || tag`; nil when it does not authenticate.
    public static func open(key: Key32, nonce: [UInt8], sealed: [UInt8], aad: [UInt8]) -> [UInt8]? {
        ensureSodium()
        guard nonce.count == 24, sealed.count >= 16 else { return nil }
        var out = [UInt8](repeating: 0, count: sealed.count - 16)
        var outLength: UInt64 = 0
        let status = key.withUnsafeBytes { k in
            crypto_aead_xchacha20poly1305_ietf_decrypt(&out, &outLength, nil, sealed, UInt64(sealed.count),
                                                       aad, UInt64(aad.count), nonce,
                                                       k.baseAddress!.assumingMemoryBound(to: UInt8.self))
        }
        return status == 0 ? out : nil
    }
}
