/// An IEEE 802.1Q / 802.1ad VLAN tag: its type and its 16-bit tag control information.
@frozen public struct VLANTag: Hashable, Sendable {
    /// The tag's own type: ``EtherType/vlan`` (C-tag) or ``EtherType/serviceVLAN`` (S-tag).
    public var type: EtherType
    /// Priority (3 bits), drop eligible (1 bit) and VLAN id (12 bits), as on the wire.
    public var control: UInt16

    /// A tag of `type` (802.1Q by default) for VLAN `id` (0...4095) with `priority` (0...7).
    @inlinable
    public init(id: UInt16, priority: UInt8 = 0, dropEligible: Bool = false, type: EtherType = .vlan) {
        self.type = type
        control = UInt16(priority & 7) << 13 | (dropEligible ? 0x1000 : 0) | id & 0xFFF
    }

    /// A tag from its wire fields.
    @inlinable public init(type: EtherType, control: UInt16) {
        self.type = type
        self.control = control
    }

    /// The VLAN id, 0...4095.
    @inlinable public var id: UInt16 { control & 0xFFF }
    /// The priority code point, 0...7.
    @inlinable public var priority: UInt8 { UInt8(control >> 13) }
    /// The drop eligible indicator.
    @inlinable public var dropEligible: Bool { control & 0x1000 != 0 }
}

/// An Ethernet II header with up to two VLAN tags (802.1ad outer, 802.1Q inner), parsed and
/// checked once.
///
/// ```swift
/// let ethernet = try EthernetHeader(parsing: bytes)
/// if ethernet.etherType == .ipv4 { let ip = try IPv4Header(parsing: bytes, at: ethernet.payloadOffset) }
/// ```
@frozen public struct EthernetHeader: Hashable, Sendable {
    /// 14: an untagged header.
    @inlinable public static var minimumLength: Int { 14 }
    /// The most tags a parse walks; a third tag is ``ProtocolError/Reason/tooManyHeaders``.
    @inlinable public static var maximumTags: Int { 2 }

    /// Where the header starts.
    public let offset: Int
    /// The destination address.
    public let destination: MACAddress
    /// The source address.
    public let source: MACAddress
    /// The outer tag (the only one when there is one), or nil.
    public let outerTag: VLANTag?
    /// The inner tag of a double-tagged frame, or nil.
    public let innerTag: VLANTag?
    /// What the frame carries after its tags.
    public let etherType: EtherType
    /// 14, 18 or 22: the header with its tags.
    public let length: Int

    /// Parses the header at byte `offset` of `bytes`.
    ///
    /// - Throws: ``ProtocolError`` `.truncated` when the header (with its tags) does not fit,
    ///   `.tooManyHeaders` for a third VLAN tag.
    @inlinable @inline(__always)
    public init(parsing bytes: RawSpan, at offset: Int = 0) throws(ProtocolError) {
        guard bytes.has(14, at: offset) else { throw ProtocolError(.truncated, in: .ethernet, at: offset) }
        self.offset = offset
        destination = bytes.unsafeLoadUnaligned(fromUncheckedByteOffset: offset, as: MACAddress.self)
        source = bytes.unsafeLoadUnaligned(fromUncheckedByteOffset: offset &+ 6, as: MACAddress.self)
        let type = EtherType(rawValue: bytes.be16(offset &+ 12))
        // Every tag type's first byte is 0x81 or more and IPv4's and ARP's are below: for them
        // (the common frames) the tag test is one byte comparison.
        if _slowPath(bytes.u8(offset &+ 12) >= 0x81 && type.isVLANTag) {
            let tags = try Self.parseTags(bytes, at: offset, first: type)
            outerTag = tags.outer
            innerTag = tags.inner
            etherType = tags.etherType
            length = tags.length
        } else {
            outerTag = nil
            innerTag = nil
            etherType = type
            length = 14
        }
    }

    /// The tags after the addresses, the EtherType after them and the header's length: out of
    /// line, so that the untagged parse stays small enough to inline into any caller.
    @usableFromInline @inline(never)
    static func parseTags(_ bytes: RawSpan, at offset: Int, first: EtherType) throws(ProtocolError)
        -> (outer: VLANTag, inner: VLANTag?, etherType: EtherType, length: Int)
    {
        guard bytes.has(18, at: offset) else { throw ProtocolError(.truncated, in: .ethernet, at: offset &+ 14) }
        let outer = VLANTag(type: first, control: bytes.be16(offset &+ 14))
        let second = EtherType(rawValue: bytes.be16(offset &+ 16))
        guard second.isVLANTag else { return (outer, nil, second, 18) }
        guard bytes.has(22, at: offset) else { throw ProtocolError(.truncated, in: .ethernet, at: offset &+ 18) }
        let inner = VLANTag(type: second, control: bytes.be16(offset &+ 18))
        let third = EtherType(rawValue: bytes.be16(offset &+ 20))
        if third.isVLANTag { throw ProtocolError(.tooManyHeaders, in: .ethernet, at: offset &+ 20) }
        return (outer, inner, third, 22)
    }

    /// Where the payload (e.g. the IP header) starts.
    @inlinable public var payloadOffset: Int { offset &+ length }
    /// The byte offset of the EtherType field that ``etherType`` was read from.
    @inlinable public var etherTypeOffset: Int { payloadOffset &- 2 }

    /// Swaps the destination and source addresses in `bytes`: the L2 half of answering a frame.
    @inlinable @inline(__always)
    public func swapAddresses(in bytes: inout MutableRawSpan) {
        // One check, then the 12 bytes as 4 + 2 and 4 + 2 (the addresses as they are in
        // `bytes`, so an earlier edit through this view is accounted for).
        bytes.withUnchecked(through: offset &+ 12) { p in
            let d0 = p.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
            let d1 = p.loadUnaligned(fromByteOffset: offset &+ 4, as: UInt16.self)
            let s0 = p.loadUnaligned(fromByteOffset: offset &+ 6, as: UInt32.self)
            let s1 = p.loadUnaligned(fromByteOffset: offset &+ 10, as: UInt16.self)
            p.storeBytes(of: s0, toByteOffset: offset, as: UInt32.self)
            p.storeBytes(of: s1, toByteOffset: offset &+ 4, as: UInt16.self)
            p.storeBytes(of: d0, toByteOffset: offset &+ 6, as: UInt32.self)
            p.storeBytes(of: d1, toByteOffset: offset &+ 10, as: UInt16.self)
        }
    }

    /// Sets the addresses in `bytes` to `destination` and `source`.
    @inlinable @inline(__always)
    public func setAddresses(destination: MACAddress, source: MACAddress, in bytes: inout MutableRawSpan) {
        bytes.store(destination, at: offset)
        bytes.store(source, at: offset &+ 6)
    }

    /// Writes an untagged header (`destination`, `source`, `etherType`) at byte `offset` of
    /// `bytes`, which must hold 14 bytes there (the offset is the program's: traps otherwise).
    @inlinable
    public static func write(
        destination: MACAddress, source: MACAddress, etherType: EtherType, into bytes: inout MutableRawSpan, at offset: Int = 0
    ) {
        bytes.store(destination, at: offset)
        bytes.store(source, at: offset &+ 6)
        bytes.put16(etherType.rawValue, offset &+ 12)
    }
}
