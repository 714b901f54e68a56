/// Why bytes from the wire are not a valid header, and where: what every parser of this
/// module throws. It never traps: a truncated frame, a length that lies or an option that
/// loops ends as one of these.
///
/// New reasons can be added without breaking callers: compare ``reason`` with the static
/// members of ``Reason`` (it is a struct, not an enum).
@frozen
public struct ProtocolError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public let reason: Reason
    /// The header being parsed, e.g. `"IPv4"`.
    public let header: Header
    /// The byte offset (in the bytes given to the parser) where the problem is.
    public let offset: Int

    /// An error of `reason` in `header` at byte `offset`.
    @inlinable
    public init(_ reason: Reason, in header: Header, at offset: Int) {
        self.reason = reason
        self.header = header
        self.offset = offset
    }

    /// `IPv4 at byte 14: truncated`.
    public var description: String { "\(header) at byte \(offset): \(reason)" }

    /// What is wrong with the bytes.
    @frozen
    public struct Reason: Sendable, Hashable, CustomStringConvertible {
        @usableFromInline let code: UInt8
        @inlinable init(_ code: UInt8) { self.code = code }

        /// Fewer bytes than the header (or the length it states) needs.
        @inlinable public static var truncated: Reason { Reason(1) }
        /// A version field that is not the header's (IPv4's 4, IPv6's 6).
        @inlinable public static var badVersion: Reason { Reason(2) }
        /// A length field that is too small or larger than the bytes that follow.
        @inlinable public static var badLength: Reason { Reason(3) }
        /// An option or extension header whose length is zero, too short or past the end.
        @inlinable public static var badOption: Reason { Reason(4) }
        /// More extension headers or VLAN tags than a parser walks (a loop or an attack).
        @inlinable public static var tooManyHeaders: Reason { Reason(5) }
        /// A valid header of a kind this parser does not take (e.g. ARP for another hardware).
        @inlinable public static var unsupported: Reason { Reason(6) }
        /// A message of another type than the parser expects.
        @inlinable public static var wrongType: Reason { Reason(7) }
        /// Not enough room in the output to write the result.
        @inlinable public static var noRoom: Reason { Reason(8) }

        /// A few words, e.g. `truncated`.
        public var description: String {
            switch code {
            case 1: "truncated"
            case 2: "bad version"
            case 3: "bad length"
            case 4: "bad option"
            case 5: "too many headers"
            case 6: "unsupported"
            case 7: "wrong type"
            case 8: "no room"
            default: "reason \(code)"
            }
        }
    }

    /// Which header a ``ProtocolError`` is about.
    @frozen
    public struct Header: Sendable, Hashable, CustomStringConvertible {
        @usableFromInline let code: UInt8
        @inlinable init(_ code: UInt8) { self.code = code }

        /// Ethernet II, with its VLAN tags.
        @inlinable public static var ethernet: Header { Header(1) }
        /// ARP.
        @inlinable public static var arp: Header { Header(2) }
        /// IPv4, with its options.
        @inlinable public static var ipv4: Header { Header(3) }
        /// IPv6, with its extension headers.
        @inlinable public static var ipv6: Header { Header(4) }
        /// UDP.
        @inlinable public static var udp: Header { Header(5) }
        /// TCP, with its options.
        @inlinable public static var tcp: Header { Header(6) }
        /// ICMP for IPv4.
        @inlinable public static var icmpv4: Header { Header(7) }
        /// ICMPv6, including neighbour discovery.
        @inlinable public static var icmpv6: Header { Header(8) }

        /// The header's usual name, e.g. `IPv4`.
        public var description: String {
            switch code {
            case 1: "Ethernet"
            case 2: "ARP"
            case 3: "IPv4"
            case 4: "IPv6"
            case 5: "UDP"
            case 6: "TCP"
            case 7: "ICMPv4"
            case 8: "ICMPv6"
            default: "header \(code)"
            }
        }
    }
}
