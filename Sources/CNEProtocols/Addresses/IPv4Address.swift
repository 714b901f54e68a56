/// An IPv4 address, held as its 32-bit number (`192.0.2.1` is `0xC000_0201`).
@frozen public struct IPv4Address: Hashable, Sendable, BitwiseCopyable, Comparable, CustomStringConvertible {
    /// The address as a number, in host order.
    public var value: UInt32

    /// The address whose number is `value`.
    @inlinable public init(_ value: UInt32) { self.value = value }

    /// `a.b.c.d`.
    @inlinable public init(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) {
        value = UInt32(a) << 24 | UInt32(b) << 16 | UInt32(c) << 8 | UInt32(d)
    }

    /// Parses dotted-decimal `a.b.c.d` (no leading zeros, which some parsers read as octal);
    /// nil for anything else.
    public init?(_ text: some StringProtocol) {
        var result: UInt32 = 0
        var parts = 0
        var digits = 0
        var part: UInt32 = 0
        var leadingZero = false
        for c in text.utf8 {
            if c == UInt8(ascii: ".") {
                guard digits > 0, parts < 3 else { return nil }
                result = result << 8 | part
                parts += 1
                digits = 0
                part = 0
                leadingZero = false
            } else if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
                guard !leadingZero else { return nil }
                if digits == 0 && c == UInt8(ascii: "0") { leadingZero = true }
                part = part * 10 + UInt32(c - UInt8(ascii: "0"))
                digits += 1
                guard part <= 255 else { return nil }
            } else {
                return nil
            }
        }
        guard digits > 0, parts == 3 else { return nil }
        value = result << 8 | part
    }

    /// The address stored at byte `offset` of `bytes`; nil when its four bytes are not all inside.
    @inlinable
    public init?(_ bytes: RawSpan, at offset: Int) {
        guard bytes.has(4, at: offset) else { return nil }
        value = bytes.be32(offset)
    }

    /// 0.0.0.0.
    @inlinable public static var any: IPv4Address { IPv4Address(0) }
    /// 255.255.255.255.
    @inlinable public static var broadcast: IPv4Address { IPv4Address(0xFFFF_FFFF) }

    /// True for 224.0.0.0/4.
    @inlinable public var isMulticast: Bool { value >> 28 == 0xE }

    /// Orders by number.
    @inlinable public static func < (a: IPv4Address, b: IPv4Address) -> Bool { a.value < b.value }

    /// `a.b.c.d`.
    public var description: String {
        "\(value >> 24).\(value >> 16 & 0xFF).\(value >> 8 & 0xFF).\(value & 0xFF)"
    }
}

extension MutableRawSpan {
    /// Stores `address` in network order at byte `offset`. Traps when its four bytes are not
    /// inside the span (the offset is the program's, not the wire's).
    @inlinable
    public mutating func store(_ address: IPv4Address, at offset: Int) {
        put32(address.value, offset)
    }
}
