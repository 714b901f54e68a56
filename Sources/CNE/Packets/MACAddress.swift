/// An Ethernet (EUI-48) address.
@frozen public struct MACAddress: Hashable, Sendable, CustomStringConvertible {
    /// The six bytes in wire order.
    public var bytes: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8)

    /// An address from its six bytes in wire order.
    @inlinable
    public init(_ b0: UInt8, _ b1: UInt8, _ b2: UInt8, _ b3: UInt8, _ b4: UInt8, _ b5: UInt8) {
        bytes = (b0, b1, b2, b3, b4, b5)
    }

    /// Parses `aa:bb:cc:dd:ee:ff` (or `-` separated); nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(whereSeparator: { $0 == ":" || $0 == "-" })
        guard parts.count == 6 else { return nil }
        var values: [UInt8] = []
        for part in parts {
            guard part.count == 2, let v = UInt8(part, radix: 16) else { return nil }
            values.append(v)
        }
        self.init(values[0], values[1], values[2], values[3], values[4], values[5])
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

    /// The six bytes in wire order, as an array: e.g. for building a header to copy into a
    /// packet with ``Packet/write(_:at:)``. It allocates; ``subscript(_:)`` does not.
    @inlinable public var octets: [UInt8] {
        [bytes.0, bytes.1, bytes.2, bytes.3, bytes.4, bytes.5]
    }

    /// The byte at `index` (0...5) in wire order. Traps when `index` is out of range.
    @inlinable public subscript(index: Int) -> UInt8 {
        get {
            switch index {
            case 0: return bytes.0
            case 1: return bytes.1
            case 2: return bytes.2
            case 3: return bytes.3
            case 4: return bytes.4
            case 5: return bytes.5
            default: preconditionFailure("MAC address byte index out of range")
            }
        }
        set {
            switch index {
            case 0: bytes.0 = newValue
            case 1: bytes.1 = newValue
            case 2: bytes.2 = newValue
            case 3: bytes.3 = newValue
            case 4: bytes.4 = newValue
            case 5: bytes.5 = newValue
            default: preconditionFailure("MAC address byte index out of range")
            }
        }
    }

    /// ff:ff:ff:ff:ff:ff.
    public static let broadcast = MACAddress(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF)

    /// True for group (multicast and broadcast) addresses.
    @inlinable public var isMulticast: Bool { bytes.0 & 1 == 1 }

    /// True when all six bytes are equal.
    public static func == (a: MACAddress, b: MACAddress) -> Bool {
        a.bytes.0 == b.bytes.0 && a.bytes.1 == b.bytes.1 && a.bytes.2 == b.bytes.2
            && a.bytes.3 == b.bytes.3 && a.bytes.4 == b.bytes.4 && a.bytes.5 == b.bytes.5
    }

    /// Hashes the six bytes.
    public func hash(into hasher: inout Hasher) {
        withUnsafeBytes(of: bytes) { hasher.combine(bytes: $0) }
    }

    /// `aa:bb:cc:dd:ee:ff`.
    public var description: String {
        octets.map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined(separator: ":")
    }
}
