/// WireGuard's HKDF over HMAC-BLAKE2s (the whitepaper's `KDF_n`): τ0 = HMAC(C, input),
/// τ1 = HMAC(τ0, 0x1), τi = HMAC(τ0, τ(i-1) || i).
public enum KDF {
    /// The first output.
    public static func kdf1(_ chainingKey: Key32, _ input: UnsafeRawBufferPointer) -> Key32 {
        let t0 = Blake2s.hmac(key: chainingKey, input)
        return next(t0, previous: nil, index: 1)
    }

    /// The first two outputs.
    public static func kdf2(_ chainingKey: Key32, _ input: UnsafeRawBufferPointer) -> (Key32, Key32) {
        let t0 = Blake2s.hmac(key: chainingKey, input)
        let t1 = next(t0, previous: nil, index: 1)
        return (t1, next(t0, previous: t1, index: 2))
    }

    /// The first three outputs.
    public static func kdf3(_ chainingKey: Key32, _ input: UnsafeRawBufferPointer) -> (Key32, Key32, Key32) {
        let t0 = Blake2s.hmac(key: chainingKey, input)
        let t1 = next(t0, previous: nil, index: 1)
        let t2 = next(t0, previous: t1, index: 2)
        return (t1, t2, next(t0, previous: t2, index: 3))
    }

    /// `kdf1` of a 32-byte input.
    public static func kdf1(_ chainingKey: Key32, _ input: Key32) -> Key32 {
        input.withUnsafeBytes { kdf1(chainingKey, $0) }
    }

    /// `kdf2` of a 32-byte input.
    public static func kdf2(_ chainingKey: Key32, _ input: Key32) -> (Key32, Key32) {
        input.withUnsafeBytes { kdf2(chainingKey, $0) }
    }

    private static func next(_ t0: Key32, previous: Key32?, index: UInt8) -> Key32 {
        var counter = index
        return withUnsafeBytes(of: &counter) { counterBytes in
            if let previous {
                return previous.withUnsafeBytes { Blake2s.hmac(key: t0, $0, counterBytes) }
            }
            return Blake2s.hmac(key: t0, counterBytes)
        }
    }
}
