/// The Internet checksum (RFC 1071): the one's complement of the one's complement sum of
/// 16-bit big-endian words, as IPv4 headers and UDP use it.
enum InternetChecksum {
    /// Adds `bytes` to a running 32-bit sum (an odd last byte is padded with a zero).
    static func add(_ bytes: UnsafeRawBufferPointer, to sum: UInt32) -> UInt32 {
        var sum = UInt64(sum)
        var i = 0
        while i + 1 < bytes.count {
            sum += UInt64(bytes[i]) << 8 | UInt64(bytes[i + 1])
            i += 2
        }
        if i < bytes.count { sum += UInt64(bytes[i]) << 8 }
        while sum > 0xFFFF_FFFF { sum = (sum & 0xFFFF_FFFF) + (sum >> 32) }
        return UInt32(sum)
    }

    /// Folds a running sum into the checksum to store (host order).
    static func finish(_ sum: UInt32) -> UInt16 {
        var s = sum
        while s > 0xFFFF { s = (s & 0xFFFF) + (s >> 16) }
        return ~UInt16(s)
    }
}
