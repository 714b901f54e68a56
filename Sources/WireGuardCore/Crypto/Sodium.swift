import CSodium

/// libsodium must be initialised once before use (it picks its CPU-specific code then);
/// a global `let` runs that exactly once, thread-safely.
let sodiumInitialised: Bool = sodium_init() >= 0

@inline(__always) func ensureSodium() {
    precondition(sodiumInitialised, "libsodium failed to initialise")
}

/// Cryptographically secure random bytes from libsodium (the kernel's getrandom).
public enum SecureRandom {
    /// A random 32-byte value.
    public static func key() -> Key32 {
        ensureSodium()
        var k = Key32()
        k.withUnsafeMutableBytes { randombytes_buf($0.baseAddress!, 32) }
        return k
    }

    /// Fills `buffer` with random bytes.
    public static func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        ensureSodium()
        guard let base = buffer.baseAddress else { return }
        randombytes_buf(base, buffer.count)
    }

    /// A random 32-bit value (session indices).
    public static func uint32() -> UInt32 {
        ensureSodium()
        return randombytes_random()
    }
}
