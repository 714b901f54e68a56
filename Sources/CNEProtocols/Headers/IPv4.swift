/// An IPv4 header (RFC 791), parsed and checked once: version, header length, total length
/// against the bytes present, and every option's length.
@frozen public struct IPv4Header: Hashable, Sendable {
    /// 20: a header without options.
    @inlinable public static var minimumLength: Int { 20 }

    /// Where the header starts.
    public let offset: Int
    /// The header's length in bytes, with options (20...60).
    public let headerLength: Int
    /// The datagram's length (header and payload) as the header states it; never more than
    /// the bytes present (bytes past it are link-layer padding).
    public let totalLength: Int
    /// DSCP and ECN.
    public let typeOfService: UInt8
    /// The fragment identification.
    public let identification: UInt16
    /// The flags (top 3 bits) and fragment offset (13 bits, in 8-byte units), as on the wire.
    public let flagsAndFragmentOffset: UInt16
    /// Time to live.
    public let timeToLive: UInt8
    /// What the payload is.
    public let `protocol`: IPProtocol
    /// The header checksum, as stored.
    public let checksum: UInt16
    /// The source address.
    public let source: IPv4Address
    /// The destination address.
    public let destination: IPv4Address

    /// Parses the header at byte `offset` of `bytes`.
    ///
    /// - Throws: ``ProtocolError``: `.truncated` (fewer than 20 bytes, or than the header
    ///   length), `.badVersion`, `.badLength` (header length under 20, total length under the
    ///   header length or over the bytes present), `.badOption` (an option whose length is
    ///   under 2 or runs past the header).
    @inlinable @inline(__always)
    public init(parsing bytes: RawSpan, at offset: Int) throws(ProtocolError) {
        guard bytes.has(20, at: offset) else { throw ProtocolError(.truncated, in: .ipv4, at: offset) }
        let first = bytes.u8(offset)
        guard first >> 4 == 4 else { throw ProtocolError(.badVersion, in: .ipv4, at: offset) }
        let headerLength = Int(first & 0xF) &* 4
        guard headerLength >= 20 else { throw ProtocolError(.badLength, in: .ipv4, at: offset) }
        let totalLength = Int(bytes.be16(offset &+ 2))
        // One check covers the header too: a total length that is at least the header length
        // and fits the bytes means the header fits. (`offset &+ totalLength` cannot overflow:
        // the offset is at most the byte count of bytes in memory, the length at most 65535.)
        guard totalLength >= headerLength, offset &+ totalLength <= bytes.byteCount else {
            if offset &+ headerLength > bytes.byteCount { throw ProtocolError(.truncated, in: .ipv4, at: offset &+ 20) }
            throw ProtocolError(.badLength, in: .ipv4, at: offset &+ 2)
        }
        if _slowPath(headerLength > 20) { try Self.checkOptions(bytes, from: offset &+ 20, to: offset &+ headerLength) }
        self.offset = offset
        self.headerLength = headerLength
        self.totalLength = totalLength
        typeOfService = bytes.u8(offset &+ 1)
        identification = bytes.be16(offset &+ 4)
        flagsAndFragmentOffset = bytes.be16(offset &+ 6)
        timeToLive = bytes.u8(offset &+ 8)
        `protocol` = IPProtocol(rawValue: bytes.u8(offset &+ 9))
        checksum = bytes.be16(offset &+ 10)
        source = IPv4Address(bytes.be32(offset &+ 12))
        destination = IPv4Address(bytes.be32(offset &+ 16))
    }

    /// Walks the options: end of list (0) stops, no-operation (1) is one byte, every other
    /// option has a length byte of at least 2 that stays inside the header. Out of line (most
    /// headers have no options), so that the parse stays small enough to inline into any caller.
    @usableFromInline @inline(never)
    static func checkOptions(_ bytes: RawSpan, from start: Int, to end: Int) throws(ProtocolError) {
        var i = start
        while i < end {
            let kind = bytes.u8(i)
            if kind == 0 { return }
            if kind == 1 {
                i += 1
                continue
            }
            guard i &+ 1 < end else { throw ProtocolError(.badOption, in: .ipv4, at: i) }
            let length = Int(bytes.u8(i &+ 1))
            guard length >= 2, length <= end - i else { throw ProtocolError(.badOption, in: .ipv4, at: i) }
            i += length
        }
    }

    /// Where the payload starts.
    @inlinable public var payloadOffset: Int { offset &+ headerLength }
    /// The payload's length (total length less the header).
    @inlinable public var payloadLength: Int { totalLength &- headerLength }
    /// The byte after the datagram (never past the bytes parsed).
    @inlinable public var end: Int { offset &+ totalLength }
    /// The options' byte range (empty without options).
    @inlinable public var optionsRange: Range<Int> { offset &+ 20..<offset &+ headerLength }
    /// The don't-fragment flag.
    @inlinable public var dontFragment: Bool { flagsAndFragmentOffset & 0x4000 != 0 }
    /// The more-fragments flag.
    @inlinable public var moreFragments: Bool { flagsAndFragmentOffset & 0x2000 != 0 }
    /// The fragment's offset in the original datagram, in bytes.
    @inlinable public var fragmentOffset: Int { Int(flagsAndFragmentOffset & 0x1FFF) * 8 }
    /// True for any fragment (first, middle or last): the payload is not a whole datagram.
    @inlinable public var isFragment: Bool { flagsAndFragmentOffset & 0x3FFF != 0 }

    /// True when the stored header checksum is right.
    @inlinable public func isChecksumValid(in bytes: RawSpan) -> Bool {
        var sum = InternetChecksum()
        return sum.add(bytes, in: offset..<offset + headerLength) && sum.value == 0
    }

    /// The pseudo-header sum for this datagram's upper layer (UDP or TCP checksums).
    @inlinable public var pseudoHeader: InternetChecksum {
        PseudoHeader.ipv4(source: source, destination: destination, protocol: `protocol`, length: payloadLength)
    }

    /// Swaps the source and destination addresses in `bytes`. Neither the header checksum nor
    /// a UDP/TCP checksum changes: both sum the two addresses, in any order.
    @inlinable @inline(__always)
    public func swapAddresses(in bytes: inout MutableRawSpan) {
        bytes.withUnchecked(through: offset &+ 20) { p in
            p.storeBytes(of: destination.value.bigEndian, toByteOffset: offset &+ 12, as: UInt32.self)
            p.storeBytes(of: source.value.bigEndian, toByteOffset: offset &+ 16, as: UInt32.self)
        }
    }

    /// Sets the time to live in `bytes`, updating the header checksum incrementally (RFC 1624).
    /// The old value is read from `bytes`, so an earlier edit through this view is accounted for.
    @inlinable @inline(__always)
    public func setTimeToLive(_ ttl: UInt8, in bytes: inout MutableRawSpan) {
        bytes.withUnchecked(through: offset &+ 12) { p in
            // In wire order as loaded (no byte swaps): a one's complement sum of byte-swapped
            // words is the byte-swapped sum (RFC 1071 2.B), so the update holds in either order.
            let oldWord = p.loadUnaligned(fromByteOffset: offset &+ 8, as: UInt16.self)
            var newWord = oldWord
            withUnsafeMutableBytes(of: &newWord) { $0[0] = ttl }
            p.storeBytes(of: newWord, toByteOffset: offset &+ 8, as: UInt16.self)
            let sum = p.loadUnaligned(fromByteOffset: offset &+ 10, as: UInt16.self)
            p.storeBytes(of: InternetChecksum.updated(sum, replacing: oldWord, with: newWord), toByteOffset: offset &+ 10, as: UInt16.self)
        }
    }

    /// Recomputes and stores the header checksum in `bytes` (after editing several fields).
    @inlinable
    public func updateChecksum(in bytes: inout MutableRawSpan) {
        bytes.put16(0, offset &+ 10)
        var sum = InternetChecksum()
        sum.add(bytes.bytes, in: offset..<offset + headerLength)
        bytes.put16(sum.value, offset &+ 10)
    }

    /// Writes a 20-byte header without options at byte `offset` of `bytes`, with its checksum
    /// (traps when 20 bytes do not fit there: the offset is the program's). The
    /// don't-fragment flag is set, as for any datagram that is not to be fragmented.
    @inlinable
    public static func write(
        source: IPv4Address, destination: IPv4Address, protocol: IPProtocol, payloadLength: Int,
        timeToLive: UInt8 = 64, identification: UInt16 = 0, typeOfService: UInt8 = 0,
        into bytes: inout MutableRawSpan, at offset: Int
    ) {
        bytes.put16(0x4500 | UInt16(typeOfService), offset)
        bytes.put16(UInt16(truncatingIfNeeded: 20 + payloadLength), offset &+ 2)
        bytes.put16(identification, offset &+ 4)
        bytes.put16(0x4000, offset &+ 6)
        bytes.put16(UInt16(timeToLive) << 8 | UInt16(`protocol`.rawValue), offset &+ 8)
        bytes.put16(0, offset &+ 10)
        bytes.store(source, at: offset &+ 12)
        bytes.store(destination, at: offset &+ 16)
        var sum = InternetChecksum()
        sum.add(bytes.bytes, in: offset..<offset &+ 20)
        bytes.put16(sum.value, offset &+ 10)
    }
}
