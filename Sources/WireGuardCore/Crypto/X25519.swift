import CSodium

/// X25519 (RFC 7748) from libsodium.
public enum X25519 {
    /// The public key of `privateKey` (the scalar is clamped by the function, as RFC 7748 says).
    public static func publicKey(of privateKey: Key32) -> Key32 {
        ensureSodium()
        var pub = Key32()
        pub.withUnsafeMutableBytes { out in
            privateKey.withUnsafeBytes { sk in
                _ = crypto_scalarmult_base(out.baseAddress!.assumingMemoryBound(to: UInt8.self),
                                           sk.baseAddress!.assumingMemoryBound(to: UInt8.self))
            }
        }
        return pub
    }

    /// The shared secret, or nil when it is all zero (the peer sent a low-order point), which
    /// WireGuard must reject.
    public static func sharedSecret(_ privateKey: Key32, _ publicKey: Key32) -> Key32? {
        ensureSodium()
        var shared = Key32()
        let status = shared.withUnsafeMutableBytes { out in
            privateKey.withUnsafeBytes { sk in
                publicKey.withUnsafeBytes { pk in
                    crypto_scalarmult(out.baseAddress!.assumingMemoryBound(to: UInt8.self),
                                      sk.baseAddress!.assumingMemoryBound(to: UInt8.self),
                                      pk.baseAddress!.assumingMemoryBound(to: UInt8.self))
                }
            }
        }
        return status == 0 && !shared.isZero ? shared : nil
    }

    /// A fresh private key, clamped the way `wg genkey` clamps.
    public static func generatePrivateKey() -> Key32 {
        var k = SecureRandom.key()
        k.withUnsafeMutableBytes { b in
            b[0] &= 248
            b[31] = (b[31] & 127) | 64
        }
        return k
    }
}
