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
    public static let ipv4: EtherType = 0x0800
    /// 0x0806.
    public static let arp: EtherType = 0x0806
    /// 0x86DD.
    public static let ipv6: EtherType = 0x86DD
    /// 0x8100, an IEEE 802.1Q (customer) VLAN tag.
    public static let vlan: EtherType = 0x8100
    /// 0x88A8, an IEEE 802.1ad (service, "QinQ") VLAN tag.
    public static let serviceVLAN: EtherType = 0x88A8
    /// 0x9100, the pre-standard QinQ tag some switches still send.
    public static let legacyQinQ: EtherType = 0x9100

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
    public static let hopByHop: IPProtocol = 0
    /// 1.
    public static let icmp: IPProtocol = 1
    /// 6.
    public static let tcp: IPProtocol = 6
    /// 17.
    public static let udp: IPProtocol = 17
    /// 43, IPv6 routing header.
    public static let routing: IPProtocol = 43
    /// 44, IPv6 fragment header.
    public static let fragment: IPProtocol = 44
    /// 50, IPsec ESP (its content is encrypted: an extension-header walk stops there).
    public static let esp: IPProtocol = 50
    /// 51, IPsec authentication header.
    public static let authentication: IPProtocol = 51
    /// 58.
    public static let icmpv6: IPProtocol = 58
    /// 59, nothing follows.
    public static let noNextHeader: IPProtocol = 59
    /// 60, IPv6 destination options.
    public static let destinationOptions: IPProtocol = 60

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
