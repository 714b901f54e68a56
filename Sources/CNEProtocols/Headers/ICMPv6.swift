/// An ICMPv6 message header (RFC 4443): type, code, checksum, and the next four bytes
/// (identifier and sequence number for echo, flags for a neighbour advertisement).
@frozen public struct ICMPv6Header: Hashable, Sendable {
    /// 8: type, code, checksum and the rest-of-header word.
    @inlinable public static var length: Int { 8 }
    /// 128.
    @inlinable public static var echoRequest: UInt8 { 128 }
    /// 129.
    @inlinable public static var echoReply: UInt8 { 129 }
    /// 133.
    @inlinable public static var routerSolicitation: UInt8 { 133 }
    /// 134.
    @inlinable public static var routerAdvertisement: UInt8 { 134 }
    /// 135.
    @inlinable public static var neighborSolicitation: UInt8 { 135 }
    /// 136.
    @inlinable public static var neighborAdvertisement: UInt8 { 136 }

    /// Where the message starts.
    public let offset: Int
    /// The message's length: from ``offset`` to the end given to the parser.
    public let messageLength: Int
    /// The message type (``echoRequest``, ...).
    public let type: UInt8
    /// The code.
    public let code: UInt8
    /// The checksum as stored.
    public let checksum: UInt16
    /// The echo identifier (bytes 4..<6).
    public let identifier: UInt16
    /// The echo sequence number (bytes 6..<8).
    public let sequenceNumber: UInt16

    /// Parses the message at byte `offset` of `bytes`, which ends at `end` (the IPv6 payload's
    /// end, ``IPv6Header/end``).
    ///
    /// - Throws: ``ProtocolError`` `.truncated` when fewer than 8 bytes lie before `end`.
    @inlinable @inline(__always)
    public init(parsing bytes: RawSpan, at offset: Int, end: Int) throws(ProtocolError) {
        guard end <= bytes.byteCount, bytes.has(8, at: offset), offset &+ 8 <= end else {
            throw ProtocolError(.truncated, in: .icmpv6, at: offset)
        }
        self.offset = offset
        messageLength = end - offset
        type = bytes.u8(offset)
        code = bytes.u8(offset &+ 1)
        checksum = bytes.be16(offset &+ 2)
        identifier = bytes.be16(offset &+ 4)
        sequenceNumber = bytes.be16(offset &+ 6)
    }

    /// The byte after the message.
    @inlinable public var end: Int { offset + messageLength }

    /// True when the checksum is right given the IPv6 layer's pseudo-header sum.
    @inlinable public func isChecksumValid(in bytes: RawSpan, pseudoHeader: InternetChecksum) -> Bool {
        var sum = pseudoHeader
        return sum.add(bytes, in: offset..<end) && sum.value == 0
    }

    /// Sets type and code in `bytes`, updating the checksum incrementally (RFC 1624). The old
    /// values are read from `bytes`, so an earlier edit through this view is accounted for.
    @inlinable @inline(__always)
    public func setType(_ type: UInt8, code: UInt8 = 0, in bytes: inout MutableRawSpan) {
        let old = bytes.get16(offset)
        let new = UInt16(type) << 8 | UInt16(code)
        bytes.put16(new, offset)
        bytes.put16(InternetChecksum.updated(bytes.get16(offset &+ 2), replacing: old, with: new), offset &+ 2)
    }

    /// Computes and stores the checksum in `bytes` from the IPv6 layer's pseudo-header sum.
    @inlinable
    public func updateChecksum(in bytes: inout MutableRawSpan, pseudoHeader: InternetChecksum) {
        bytes.put16(0, offset &+ 2)
        var sum = pseudoHeader
        sum.add(bytes.bytes, in: offset..<end)
        bytes.put16(sum.value, offset &+ 2)
    }
}

/// A neighbour solicitation or advertisement (RFC 4861 4.3, 4.4): the target address, the
/// advertisement's flags, and the link-layer address option, with every option's length
/// checked.
@frozen public struct NeighborDiscoveryMessage: Hashable, Sendable {
    /// 24: the ICMPv6 header, flags or reserved word, and the target.
    @inlinable public static var minimumLength: Int { 24 }

    /// The ICMPv6 header the message was parsed from.
    public let icmp: ICMPv6Header
    /// The address asked about (solicitation) or announced (advertisement).
    public let target: IPv6Address
    /// The advertisement's router, solicited and override flags (top 3 bits), as on the wire.
    public let flags: UInt8
    /// The source (solicitation) or target (advertisement) link-layer address option.
    public let linkLayerAddress: MACAddress?

    /// Parses the neighbour solicitation or advertisement that `icmp` heads.
    ///
    /// - Throws: ``ProtocolError``: `.wrongType` for another ICMPv6 type, `.badLength` (code
    ///   not 0 or fewer than 24 bytes), `.badOption` (an option of length 0, which would loop,
    ///   or one past the end).
    @inlinable @inline(__always)
    public init(parsing bytes: RawSpan, icmp: ICMPv6Header) throws(ProtocolError) {
        guard icmp.type == ICMPv6Header.neighborSolicitation || icmp.type == ICMPv6Header.neighborAdvertisement else {
            throw ProtocolError(.wrongType, in: .icmpv6, at: icmp.offset)
        }
        guard icmp.code == 0, icmp.messageLength >= 24, bytes.has(icmp.messageLength, at: icmp.offset) else {
            throw ProtocolError(.badLength, in: .icmpv6, at: icmp.offset)
        }
        self.icmp = icmp
        let o = icmp.offset
        flags = bytes.u8(o &+ 4)
        target = IPv6Address(high: bytes.be64(o &+ 8), low: bytes.be64(o &+ 16))
        let wanted: UInt8 = icmp.type == ICMPv6Header.neighborSolicitation ? 1 : 2
        var found: MACAddress? = nil
        var i = o &+ 24
        let end = icmp.end
        while i < end {
            guard end - i >= 2 else { throw ProtocolError(.badOption, in: .icmpv6, at: i) }
            let length = Int(bytes.u8(i &+ 1)) * 8
            guard length > 0, length <= end - i else { throw ProtocolError(.badOption, in: .icmpv6, at: i) }
            if bytes.u8(i) == wanted && length == 8 {
                found = bytes.unsafeLoadUnaligned(fromUncheckedByteOffset: i &+ 2, as: MACAddress.self)
            }
            i += length
        }
        linkLayerAddress = found
    }

    /// True for a solicitation.
    @inlinable public var isSolicitation: Bool { icmp.type == ICMPv6Header.neighborSolicitation }
    /// The advertisement's router flag.
    @inlinable public var isRouter: Bool { flags & 0x80 != 0 }
    /// The advertisement's solicited flag.
    @inlinable public var isSolicited: Bool { flags & 0x40 != 0 }
    /// The advertisement's override flag.
    @inlinable public var isOverride: Bool { flags & 0x20 != 0 }
}
