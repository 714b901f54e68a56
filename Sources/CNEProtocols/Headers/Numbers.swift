/// An EtherType: what an Ethernet frame (or a VLAN tag) carries next.
@frozen public struct EtherType: RawRepresentable, Hashable, Sendable, BitwiseCopyable, ExpressibleByIntegerLiteral,
    CustomStringConvertible
{
    /// The 16-bit number, in host order.
    public var rawValue: UInt16
    /// The EtherType numbered `rawValue`.
    @inlinable public init(rawValue: UInt16) { self.rawValue = rawValue }
    /// The EtherType numbered `value`.
    @inlinable public init(integerLiteral value: UInt16) { rawValue = value }

    /// 0x0800.
    @inlinable public static var ipv4: EtherType { 0x0800 }
    /// 0x0806.
    @inlinable public static var arp: EtherType { 0x0806 }
    /// 0x86DD.
    @inlinable public static var ipv6: EtherType { 0x86DD }
    /// 0x8100, an IEEE 802.1Q (customer) VLAN tag.
    @inlinable public static var vlan: EtherType { 0x8100 }
    /// 0x88A8, an IEEE 802.1ad (service, "QinQ") VLAN tag.
    @inlinable public static var serviceVLAN: EtherType { 0x88A8 }
    /// 0x9100, the pre-standard QinQ tag some switches still send.
    @inlinable public static var legacyQinQ: EtherType { 0x9100 }

    /// True for the three VLAN tag types.
    @inlinable public var isVLANTag: Bool {
        self == .vlan || self == .serviceVLAN || self == .legacyQinQ
    }

    /// `IPv4`, `ARP`, `IPv6`, `802.1Q`, `802.1ad`, or `0x` and four hex digits.
    public var description: String {
        switch self {
        case .ipv4: "IPv4"
        case .arp: "ARP"
        case .ipv6: "IPv6"
        case .vlan: "802.1Q"
        case .serviceVLAN: "802.1ad"
        default: {
            var text = "0x"
            appendHex(rawValue, width: 4, to: &text)
            return text
        }()
        }
    }
}

/// An IP protocol number (IPv4's protocol, IPv6's next header).
@frozen public struct IPProtocol: RawRepresentable, Hashable, Sendable, BitwiseCopyable, ExpressibleByIntegerLiteral,
    CustomStringConvertible
{
    /// The 8-bit number.
    public var rawValue: UInt8
    /// The protocol numbered `rawValue`.
    @inlinable public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// The protocol numbered `value`.
    @inlinable public init(integerLiteral value: UInt8) { rawValue = value }

    /// 0, IPv6 hop-by-hop options.
    @inlinable public static var hopByHop: IPProtocol { 0 }
    /// 1.
    @inlinable public static var icmp: IPProtocol { 1 }
    /// 6.
    @inlinable public static var tcp: IPProtocol { 6 }
    /// 17.
    @inlinable public static var udp: IPProtocol { 17 }
    /// 43, IPv6 routing header.
    @inlinable public static var routing: IPProtocol { 43 }
    /// 44, IPv6 fragment header.
    @inlinable public static var fragment: IPProtocol { 44 }
    /// 50, IPsec ESP (its content is encrypted: an extension-header walk stops there).
    @inlinable public static var esp: IPProtocol { 50 }
    /// 51, IPsec authentication header.
    @inlinable public static var authentication: IPProtocol { 51 }
    /// 58.
    @inlinable public static var icmpv6: IPProtocol { 58 }
    /// 59, nothing follows.
    @inlinable public static var noNextHeader: IPProtocol { 59 }
    /// 60, IPv6 destination options.
    @inlinable public static var destinationOptions: IPProtocol { 60 }

    /// `TCP`, `UDP`, `ICMP`, `ICMPv6`, ... or the number.
    public var description: String {
        switch self {
        case .icmp: "ICMP"
        case .tcp: "TCP"
        case .udp: "UDP"
        case .icmpv6: "ICMPv6"
        case .esp: "ESP"
        case .authentication: "AH"
        case .hopByHop: "HopByHop"
        case .routing: "Routing"
        case .fragment: "Fragment"
        case .destinationOptions: "DestOpts"
        case .noNextHeader: "NoNext"
        default: "proto \(rawValue)"
        }
    }
}
