/// An IPv6 address, held as two 64-bit halves in host order (`2001:db8::1` is
/// `high == 0x2001_0db8_0000_0000`, `low == 1`): loading one from a packet is two loads.
@frozen public struct IPv6Address: Hashable, Sendable, BitwiseCopyable, Comparable {
    /// The first 64 bits (the network part of most addresses).
    public var high: UInt64
    /// The last 64 bits (the interface identifier of most addresses).
    public var low: UInt64

    /// The address whose halves are `high` and `low`.
    @inlinable public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// The address made of eight 16-bit groups, as written `a:b:c:d:e:f:g:h`.
    @inlinable
    public init(
        _ a: UInt16, _ b: UInt16, _ c: UInt16, _ d: UInt16, _ e: UInt16, _ f: UInt16, _ g: UInt16, _ h: UInt16
    ) {
        high = UInt64(a) << 48 | UInt64(b) << 32 | UInt64(c) << 16 | UInt64(d)
        low = UInt64(e) << 48 | UInt64(f) << 32 | UInt64(g) << 16 | UInt64(h)
    }

    /// The address stored at byte `offset` of `bytes`; nil when its 16 bytes are not all inside.
    @inlinable
    public init?(_ bytes: RawSpan, at offset: Int) {
        guard bytes.has(16, at: offset) else { return nil }
        high = bytes.be64(offset)
        low = bytes.be64(offset + 8)
    }

    /// The 16-bit group `index` (0...7) in the written order. Traps when out of range.
    @inlinable public func group(_ index: Int) -> UInt16 {
        precondition(index >= 0 && index < 8, "IPv6 group index out of range")
        let half = index < 4 ? high : low
        return UInt16(truncatingIfNeeded: half >> (48 - 16 * (index & 3)))
    }

    /// `::`.
    @inlinable public static var unspecified: IPv6Address { IPv6Address(high: 0, low: 0) }
    /// `::1`.
    @inlinable public static var loopback: IPv6Address { IPv6Address(high: 0, low: 1) }
    /// `ff02::1`, every node on the link.
    @inlinable public static var allNodes: IPv6Address { IPv6Address(0xFF02, 0, 0, 0, 0, 0, 0, 1) }

    /// True for `ff00::/8`.
    @inlinable public var isMulticast: Bool { high >> 56 == 0xFF }
    /// True for `fe80::/10`.
    @inlinable public var isLinkLocal: Bool { high >> 54 == 0xFE80 >> 6 }
    /// True for `::`.
    @inlinable public var isUnspecified: Bool { high == 0 && low == 0 }

    /// The solicited-node multicast group of this address (RFC 4291 2.7.1): `ff02::1:ffXX:XXXX`
    /// with its last 24 bits, where neighbour solicitations for it are sent.
    @inlinable public var solicitedNodeMulticast: IPv6Address {
        IPv6Address(high: 0xFF02_0000_0000_0000, low: 0x0000_0001_FF00_0000 | low & 0xFF_FFFF)
    }

    /// The Ethernet address a multicast group maps to (RFC 2464 7): `33:33` and its last 32 bits.
    @inlinable public var multicastMAC: MACAddress {
        MACAddress(
            0x33, 0x33, UInt8(truncatingIfNeeded: low >> 24), UInt8(truncatingIfNeeded: low >> 16),
            UInt8(truncatingIfNeeded: low >> 8), UInt8(truncatingIfNeeded: low))
    }

    /// Orders by number.
    @inlinable public static func < (a: IPv6Address, b: IPv6Address) -> Bool {
        (a.high, a.low) < (b.high, b.low)
    }
}

extension MutableRawSpan {
    /// Stores `address` in network order at byte `offset`. Traps when its 16 bytes are not
    /// inside the span (the offset is the program's, not the wire's).
    @inlinable
    public mutating func store(_ address: IPv6Address, at offset: Int) {
        put64(address.high, offset)
        put64(address.low, offset + 8)
    }
}
