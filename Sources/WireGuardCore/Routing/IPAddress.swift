import Glibc

/// An IPv4 or IPv6 address, held inline.
public enum IPAddress: Sendable, Hashable, CustomStringConvertible {
    /// IPv4, host byte order.
    case v4(UInt32)
    /// IPv6, host byte order (the first address byte is the most significant).
    case v6(UInt128)

    /// Parses dotted-quad IPv4 or RFC 4291 IPv6 text; nil otherwise.
    public init?(_ text: some StringProtocol) {
        let s = String(text)
        var v4 = in_addr()
        if inet_pton(AF_INET, s, &v4) == 1 {
            self = .v4(UInt32(bigEndian: v4.s_addr))
            return
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, s, &v6) == 1 {
            self = .v6(withUnsafeBytes(of: &v6) { Self.load128($0) })
            return
        }
        return nil
    }

    /// Reads 4 (IPv4) or 16 (IPv6) network-order bytes.
    public init?(networkBytes b: UnsafeRawBufferPointer) {
        switch b.count {
        case 4: self = .v4(UInt32(bigEndian: b.loadUnaligned(as: UInt32.self)))
        case 16: self = .v6(Self.load128(b))
        default: return nil
        }
    }

    static func load128(_ b: UnsafeRawBufferPointer) -> UInt128 {
        let hi = UInt64(bigEndian: b.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
        let lo = UInt64(bigEndian: b.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        return UInt128(hi) << 64 | UInt128(lo)
    }

    /// The address in network byte order (4 or 16 bytes).
    public var networkBytes: [UInt8] {
        switch self {
        case .v4(let a): return withUnsafeBytes(of: a.bigEndian) { Array($0) }
        case .v6(let a):
            return withUnsafeBytes(of: UInt64(truncatingIfNeeded: a >> 64).bigEndian) { Array($0) }
                + withUnsafeBytes(of: UInt64(truncatingIfNeeded: a).bigEndian) { Array($0) }
        }
    }

    /// The conventional text form.
    public var description: String {
        var bytes = networkBytes
        var out = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let family = bytes.count == 4 ? AF_INET : AF_INET6
        _ = inet_ntop(family, &bytes, &out, socklen_t(out.count))
        return String(decoding: out.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The address family's bit width.
    public var bitWidth: Int {
        if case .v4 = self { return 32 }
        return 128
    }
}

/// An address and prefix length: `10.0.0.0/24`, `fd00::/64`.
public struct IPPrefix: Sendable, Hashable, CustomStringConvertible {
    /// The network address (host bits cleared).
    public let address: IPAddress
    /// The prefix length.
    public let length: Int

    /// A prefix; host bits of `address` are cleared. nil if `length` is out of range.
    public init?(_ address: IPAddress, length: Int) {
        guard length >= 0, length <= address.bitWidth else { return nil }
        self.length = length
        switch address {
        case .v4(let a): self.address = .v4(length == 0 ? 0 : a & ~(UInt32.max >> length))
        case .v6(let a): self.address = .v6(length == 0 ? 0 : a & ~(UInt128.max >> length))
        }
    }

    /// Parses `address/length` (or a bare address, as a host prefix).
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let address = IPAddress(parts[0]) else { return nil }
        var length = address.bitWidth
        if parts.count == 2 {
            guard let l = Int(parts[1]) else { return nil }
            length = l
        }
        self.init(address, length: length)
    }

    /// Whether `a` is inside this prefix.
    public func contains(_ a: IPAddress) -> Bool {
        switch (address, a) {
        case (.v4(let p), .v4(let x)): return length == 0 || (x & ~(UInt32.max >> length)) == p
        case (.v6(let p), .v6(let x)): return length == 0 || (x & ~(UInt128.max >> length)) == p
        default: return false
        }
    }

    /// `address/length`.
    public var description: String { "\(address)/\(length)" }
}
