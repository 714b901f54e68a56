/// A UDP address: where a peer's datagrams come from and go to.
public struct Endpoint: Sendable, Hashable, CustomStringConvertible {
    /// The IP address.
    public var address: IPAddress
    /// The UDP port.
    public var port: UInt16

    /// An endpoint.
    public init(address: IPAddress, port: UInt16) {
        self.address = address
        self.port = port
    }

    /// Parses `192.0.2.1:51820` or `[2001:db8::1]:51820` (numeric only: the core resolves no names).
    public init?(_ text: some StringProtocol) {
        let s = String(text)
        let host: Substring, portText: Substring
        if s.hasPrefix("[") {
            guard let close = s.firstIndex(of: "]"), s[s.index(after: close)...].hasPrefix(":") else { return nil }
            host = s[s.index(after: s.startIndex)..<close]
            portText = s[s.index(close, offsetBy: 2)...]
        } else {
            guard let colon = s.lastIndex(of: ":") else { return nil }
            host = s[..<colon]
            portText = s[s.index(after: colon)...]
        }
        guard let address = IPAddress(host), let port = UInt16(portText) else { return nil }
        if case .v6 = address, !s.hasPrefix("[") { return nil }
        self.init(address: address, port: port)
    }

    /// `address:port`, v6 in brackets.
    public var description: String {
        if case .v6 = address { return "[\(address)]:\(port)" }
        return "\(address):\(port)"
    }

    /// The bytes a cookie is bound to.
    var cookieSource: [UInt8] {
        address.networkBytes + [UInt8(port >> 8), UInt8(port & 0xff)]
    }
}

/// The addresses of an inner IP packet (the plaintext a tunnel carries).
enum InnerPacket {
    /// (source, destination, total length) of an IPv4 or IPv6 packet, or nil when the bytes are
    /// not one whole packet.
    static func addresses(_ p: UnsafeRawBufferPointer) -> (source: IPAddress, destination: IPAddress, length: Int)? {
        guard p.count >= 1 else { return nil }
        switch p[0] >> 4 {
        case 4:
            guard p.count >= 20 else { return nil }
            let total = Int(p[2]) << 8 | Int(p[3])
            guard total >= 20, total <= p.count else { return nil }
            return (.v4(UInt32(bigEndian: p.loadUnaligned(fromByteOffset: 12, as: UInt32.self))),
                    .v4(UInt32(bigEndian: p.loadUnaligned(fromByteOffset: 16, as: UInt32.self))), total)
        case 6:
            guard p.count >= 40 else { return nil }
            let total = 40 + (Int(p[4]) << 8 | Int(p[5]))
            guard total <= p.count else { return nil }
            return (.v6(IPAddress.load128(UnsafeRawBufferPointer(rebasing: p[8..<24]))),
                    .v6(IPAddress.load128(UnsafeRawBufferPointer(rebasing: p[24..<40]))), total)
        default:
            return nil
        }
    }
}
