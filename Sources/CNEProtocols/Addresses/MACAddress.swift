/// An Ethernet (EUI-48) address: six bytes, stored as they appear on the wire, so loading or
/// storing one at an offset of a frame is a plain 6-byte copy.
@frozen public struct MACAddress: Hashable, Sendable, BitwiseCopyable, CustomStringConvertible {
    /// The six bytes in wire order.
    public var bytes: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8)

    /// An address from its six bytes in wire order.
    @inlinable
    public init(_ b0: UInt8, _ b1: UInt8, _ b2: UInt8, _ b3: UInt8, _ b4: UInt8, _ b5: UInt8) {
        bytes = (b0, b1, b2, b3, b4, b5)
    }

    /// Parses `aa:bb:cc:dd:ee:ff` (or `-` separated, either case); nil for anything else.
    public init?(_ text: String) {
        var values: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0)
        var index = 0
        var digits = 0
        var value: UInt8 = 0
        for c in text.utf8 {
            if c == UInt8(ascii: ":") || c == UInt8(ascii: "-") {
                guard digits == 2, index < 5 else { return nil }
                withUnsafeMutableBytes(of: &values) { $0[index] = value }
                index += 1
                digits = 0
                value = 0
            } else {
                guard let digit = hexDigit(c), digits < 2 else { return nil }
                value = value << 4 | digit
                digits += 1
            }
        }
        guard digits == 2, index == 5 else { return nil }
        withUnsafeMutableBytes(of: &values) { $0[5] = value }
        bytes = values
    }

    /// An address from its six bytes in wire order (``octets`` gives them back); nil unless
    /// there are exactly six.
    @inlinable
    public init?(octets: some Collection<UInt8>) {
        guard octets.count == 6 else { return nil }
        var b = octets.makeIterator()
        guard let b0 = b.next(), let b1 = b.next(), let b2 = b.next(), let b3 = b.next(),
            let b4 = b.next(), let b5 = b.next()
        else { return nil }
        self.init(b0, b1, b2, b3, b4, b5)
    }

    /// The address stored at byte `offset` of `bytes`; nil when its six bytes are not all inside.
    @inlinable
    public init?(_ bytes: RawSpan, at offset: Int) {
        guard bytes.has(6, at: offset) else { return nil }
        self = bytes.unsafeLoadUnaligned(fromUncheckedByteOffset: offset, as: MACAddress.self)
    }

    /// The six bytes in wire order, as an array. It allocates: to put an address into a
    /// frame use ``Swift/MutableRawSpan/store(_:at:)-(MACAddress,_)``, which does not.
    @inlinable public var octets: [UInt8] {
        [bytes.0, bytes.1, bytes.2, bytes.3, bytes.4, bytes.5]
    }

    /// The byte at `index` (0...5) in wire order. Traps when `index` is out of range.
    @inlinable public subscript(index: Int) -> UInt8 {
        get {
            precondition(index >= 0 && index < 6, "MAC address byte index out of range")
            return withUnsafeBytes(of: bytes) { $0[index] }
        }
        set {
            precondition(index >= 0 && index < 6, "MAC address byte index out of range")
            withUnsafeMutableBytes(of: &bytes) { $0[index] = newValue }
        }
    }

    /// ff:ff:ff:ff:ff:ff.
    @inlinable public static var broadcast: MACAddress { MACAddress(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF) }

    /// 00:00:00:00:00:00 (ARP's "unknown" target).
    @inlinable public static var zero: MACAddress { MACAddress(0, 0, 0, 0, 0, 0) }

    /// True for group (multicast and broadcast) addresses.
    @inlinable public var isMulticast: Bool { bytes.0 & 1 == 1 }

    /// True when all six bytes are equal.
    @inlinable
    public static func == (a: MACAddress, b: MACAddress) -> Bool {
        a.bytes.0 == b.bytes.0 && a.bytes.1 == b.bytes.1 && a.bytes.2 == b.bytes.2
            && a.bytes.3 == b.bytes.3 && a.bytes.4 == b.bytes.4 && a.bytes.5 == b.bytes.5
    }

    /// Hashes the six bytes.
    public func hash(into hasher: inout Hasher) {
        withUnsafeBytes(of: bytes) { hasher.combine(bytes: $0) }
    }

    /// `aa:bb:cc:dd:ee:ff`, lower case.
    public var description: String {
        var text = ""
        text.reserveCapacity(17)
        for i in 0..<6 {
            if i > 0 { text.append(":") }
            appendHex(self[i], width: 2, to: &text)
        }
        return text
    }
}

extension MutableRawSpan {
    /// Stores `address` at byte `offset`. Traps when its six bytes are not inside the span
    /// (the offset is the program's, not the wire's).
    @inlinable
    public mutating func store(_ address: MACAddress, at offset: Int) {
        storeBytes(of: address, toByteOffset: offset, as: MACAddress.self)
    }
}

/// The value of an ASCII hex digit, or nil.
@usableFromInline
func hexDigit(_ c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
    default: nil
    }
}

/// Appends `value` in lower-case hex, zero-padded to `width` digits (no padding when 0).
func appendHex(_ value: some FixedWidthInteger, width: Int, to text: inout String) {
    let hex = String(value, radix: 16)
    if hex.count < width { text.append(String(repeating: "0", count: width - hex.count)) }
    text.append(hex)
}
