import CBlake2

/// BLAKE2s (RFC 7693) from libb2, in the three forms WireGuard uses: the 256-bit hash, the keyed
/// 128-bit MAC for mac1/mac2 (BLAKE2s's own keying, not HMAC), and HMAC-BLAKE2s inside HKDF.
public enum Blake2s {
    /// BLAKE2s's block size, which HMAC pads its key to.
    static let blockSize = 64

    /// An incremental BLAKE2s computation on the stack.
    struct Hasher {
        var state = blake2s_state()

        init(outputLength: Int) {
            _ = blake2s_init(&state, outputLength)
        }

        init(outputLength: Int, key: UnsafeRawBufferPointer) {
            _ = blake2s_init_key(&state, outputLength, key.baseAddress, key.count)
        }

        mutating func update(_ data: UnsafeRawBufferPointer) {
            guard let base = data.baseAddress, data.count > 0 else { return }
            _ = blake2s_update(&state, base.assumingMemoryBound(to: UInt8.self), data.count)
        }

        mutating func update(_ key: Key32) { key.withUnsafeBytes { update($0) } }

        mutating func finalize32() -> Key32 {
            var out = Key32()
            out.withUnsafeMutableBytes { _ = blake2s_final(&state, $0.baseAddress!.assumingMemoryBound(to: UInt8.self), 32) }
            return out
        }

        mutating func finalize16() -> Mac16 {
            var out = Mac16()
            Swift.withUnsafeMutableBytes(of: &out) { _ = blake2s_final(&state, $0.baseAddress!.assumingMemoryBound(to: UInt8.self), 16) }
            return out
        }
    }

    /// BLAKE2s-256 of the concatenation of `parts`.
    public static func hash(_ parts: UnsafeRawBufferPointer...) -> Key32 {
        var h = Hasher(outputLength: 32)
        for p in parts { h.update(p) }
        return h.finalize32()
    }

    /// BLAKE2s-256 of `a || b`, where both are 32-byte values (the Noise `MixHash` of a key).
    public static func hash(_ a: Key32, _ b: Key32) -> Key32 {
        var h = Hasher(outputLength: 32)
        h.update(a)
        h.update(b)
        return h.finalize32()
    }

    /// BLAKE2s-256 of `a || data`.
    public static func hash(_ a: Key32, _ data: UnsafeRawBufferPointer) -> Key32 {
        var h = Hasher(outputLength: 32)
        h.update(a)
        h.update(data)
        return h.finalize32()
    }

    /// Keyed BLAKE2s with a 16-byte output: WireGuard's `MAC(key, input)` for mac1, mac2 and cookies.
    public static func mac(key: UnsafeRawBufferPointer, _ data: UnsafeRawBufferPointer) -> Mac16 {
        var h = Hasher(outputLength: 16, key: key)
        h.update(data)
        return h.finalize16()
    }

    /// Keyed BLAKE2s-128 under a 32-byte key.
    public static func mac(key: Key32, _ data: UnsafeRawBufferPointer) -> Mac16 {
        key.withUnsafeBytes { mac(key: $0, data) }
    }

    /// HMAC-BLAKE2s (RFC 2104 over BLAKE2s-256, block 64 bytes) of the concatenation of `parts`.
    public static func hmac(key: Key32, _ parts: UnsafeRawBufferPointer...) -> Key32 {
        hmac(keyBytes: key, parts)
    }

    static func hmac(keyBytes key: Key32, _ parts: [UnsafeRawBufferPointer]) -> Key32 {
        // The key is 32 bytes, shorter than the block, so it is zero-padded, never hashed.
        var pad = (Key32(), Key32())
        return withUnsafeMutableBytes(of: &pad) { block in
            key.withUnsafeBytes { block.copyMemory(from: $0) }
            for i in 0..<blockSize { block[i] ^= 0x36 }
            var inner = Hasher(outputLength: 32)
            inner.update(UnsafeRawBufferPointer(block))
            for p in parts { inner.update(p) }
            let innerHash = inner.finalize32()
            for i in 0..<blockSize { block[i] ^= 0x36 ^ 0x5c }
            var outer = Hasher(outputLength: 32)
            outer.update(UnsafeRawBufferPointer(block))
            outer.update(innerHash)
            let result = outer.finalize32()
            for i in 0..<blockSize { block[i] = 0 }
            return result
        }
    }

    /// HMAC-BLAKE2s with a key of any length up to the block size (for test vectors).
    public static func hmac(anyKey key: [UInt8], _ data: [UInt8]) -> Key32? {
        guard key.count <= blockSize else { return nil }
        var block = [UInt8](repeating: 0, count: blockSize)
        block.replaceSubrange(0..<key.count, with: key)
        let ipad = block.map { $0 ^ 0x36 }, opad = block.map { $0 ^ 0x5c }
        var inner = Hasher(outputLength: 32)
        ipad.withUnsafeBytes { inner.update($0) }
        data.withUnsafeBytes { inner.update($0) }
        let innerHash = inner.finalize32()
        var outer = Hasher(outputLength: 32)
        opad.withUnsafeBytes { outer.update($0) }
        outer.update(innerHash)
        return outer.finalize32()
    }

    /// BLAKE2s with any output length (1...32) and key (0...32 bytes): RFC 7693's self-test.
    static func digest(outputLength: Int, key: [UInt8], _ data: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: outputLength)
        _ = blake2s(&out, data, key.isEmpty ? nil : key, outputLength, data.count, key.count)
        return out
    }
}
