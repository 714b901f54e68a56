/// The pseudo-headers that UDP, TCP (over IPv4 and IPv6) and ICMPv6 put in their checksums
/// (RFC 768, RFC 793, RFC 8200 8.1). Each returns a sum to which the caller adds the
/// upper-layer header (checksum field zero) and payload.
public enum PseudoHeader {
    /// Source, destination, zero and protocol, and the upper-layer length, for IPv4.
    @inlinable
    public static func ipv4(source: IPv4Address, destination: IPv4Address, protocol: IPProtocol, length: Int)
        -> InternetChecksum
    {
        var sum = InternetChecksum()
        sum.add(source)
        sum.add(destination)
        sum.add(UInt16(`protocol`.rawValue))
        sum.add(UInt16(truncatingIfNeeded: length))
        return sum
    }

    /// Source, destination, the 32-bit upper-layer length and the next header, for IPv6.
    @inlinable
    public static func ipv6(source: IPv6Address, destination: IPv6Address, protocol: IPProtocol, length: Int)
        -> InternetChecksum
    {
        var sum = InternetChecksum()
        sum.add(source)
        sum.add(destination)
        sum.add(twoWords: UInt32(truncatingIfNeeded: length))
        sum.add(UInt16(`protocol`.rawValue))
        return sum
    }
}

/// RFC 1624 incremental update: the new checksum of data whose checksum was `checksum` after
/// one 16-bit word changed from `old` to `new`, without summing the data again
/// (`HC' = ~(~HC + ~m + m')`, which, unlike RFC 1141's form, gives what a recomputation gives
/// for any data that is not all zeros; for all zeros it gives 0 where a recomputation gives
/// 0xFFFF, which a caller whose data can be all zeros, such as ICMPv4, must store instead).
extension InternetChecksum {
    /// The checksum after one 16-bit field changed from `old` to `new`.
    @inlinable
    public static func updated(_ checksum: UInt16, replacing old: UInt16, with new: UInt16) -> UInt16 {
        // Three 16-bit terms sum below 3 * 2^16: two folds bring any such sum under 2^16.
        var s = UInt32(~checksum) &+ UInt32(~old) &+ UInt32(new)
        s = (s & 0xFFFF) &+ (s >> 16)
        s = (s & 0xFFFF) &+ (s >> 16)
        return ~UInt16(truncatingIfNeeded: s)
    }

    /// The checksum after one 32-bit field (an IPv4 address) changed from `old` to `new`.
    @inlinable
    public static func updated(_ checksum: UInt16, replacing old: UInt32, with new: UInt32) -> UInt16 {
        // Five 16-bit terms sum below 5 * 2^16: two folds bring any such sum under 2^16.
        var s = UInt32(~checksum) &+ UInt32(~UInt16(truncatingIfNeeded: old >> 16))
            &+ UInt32(~UInt16(truncatingIfNeeded: old)) &+ (new >> 16) &+ (new & 0xFFFF)
        s = (s & 0xFFFF) &+ (s >> 16)
        s = (s & 0xFFFF) &+ (s >> 16)
        return ~UInt16(truncatingIfNeeded: s)
    }
}
