/// An ICMP message header for IPv4 (RFC 792): type, code, checksum, and the next four bytes
/// (identifier and sequence number for echo).
@frozen public struct ICMPv4Header: Hashable, Sendable {
    /// 8: type, code, checksum and the rest-of-header word.
    @inlinable public static var length: Int { 8 }
    /// 0.
    @inlinable public static var echoReply: UInt8 { 0 }
    /// 3.
    @inlinable public static var destinationUnreachable: UInt8 { 3 }
    /// 8.
    @inlinable public static var echoRequest: UInt8 { 8 }
    /// 11.
    @inlinable public static var timeExceeded: UInt8 { 11 }

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

    /// Parses the message at byte `offset` of `bytes`, which ends at `end` (the IPv4 payload's
    /// end, ``IPv4Header/end``).
    ///
    /// - Throws: ``ProtocolError`` `.truncated` when fewer than 8 bytes lie before `end`.
    @inlinable @inline(__always)
    public init(parsing bytes: RawSpan, at offset: Int, end: Int) throws(ProtocolError) {
        // With both non-negative `end &- offset` cannot overflow, and 8 or more means the
        // message's header lies before the end, so inside the bytes.
        guard offset >= 0, end >= 0, end <= bytes.byteCount, end &- offset >= 8 else {
            throw ProtocolError(.truncated, in: .icmpv4, at: offset)
        }
        self.offset = offset
        messageLength = end &- offset
        // Type and code as one load: a test of both (echo request, code 0) is one comparison.
        let typeAndCode = bytes.be16(offset)
        type = UInt8(truncatingIfNeeded: typeAndCode >> 8)
        code = UInt8(truncatingIfNeeded: typeAndCode)
        checksum = bytes.be16(offset &+ 2)
        identifier = bytes.be16(offset &+ 4)
        sequenceNumber = bytes.be16(offset &+ 6)
    }

    /// The byte after the message.
    @inlinable public var end: Int { offset &+ messageLength }

    /// True when the checksum over the whole message is right.
    @inlinable public func isChecksumValid(in bytes: RawSpan) -> Bool {
        var sum = InternetChecksum()
        return sum.add(bytes, in: offset..<end) && sum.value == 0
    }

    /// Sets type and code in `bytes`, updating the checksum incrementally (RFC 1624). The old
    /// values are read from `bytes`, so an earlier edit through this view is accounted for.
    @inlinable @inline(__always)
    public func setType(_ type: UInt8, code: UInt8 = 0, in bytes: inout MutableRawSpan) {
        let updated = bytes.withUnchecked(through: offset &+ 4) { p in
            // In wire order as loaded, as IPv4Header.setTimeToLive does (RFC 1071 2.B).
            let old = p.loadUnaligned(fromByteOffset: offset, as: UInt16.self)
            let new = (UInt16(type) << 8 | UInt16(code)).bigEndian
            p.storeBytes(of: new, toByteOffset: offset, as: UInt16.self)
            let sum = p.loadUnaligned(fromByteOffset: offset &+ 2, as: UInt16.self)
            let updated = InternetChecksum.updated(sum, replacing: old, with: new)
            p.storeBytes(of: updated, toByteOffset: offset &+ 2, as: UInt16.self)
            return updated
        }
        // Unlike the IPv4 header (its version is never 0) and ICMPv6 (its pseudo-header), an
        // ICMPv4 message can be all zeros: an echo reply with identifier, sequence number and
        // payload 0. The update then gives 0, which receivers reject, where only 0xFFFF is right.
        if _slowPath(updated == 0) { Self.storeChecksumIfAllZeros(from: offset, to: end, in: &bytes) }
    }

    /// Stores 0xFFFF as the checksum when the message from `offset` to `end` (checksum field 0)
    /// is all zeros; leaves any other message alone, for which the update's 0 is right. Out of
    /// line: 1 update in 65536 gives 0. Static and given only the bounds: as a method it takes
    /// the whole header, so every caller loads fields it never reads (identifier, sequence
    /// number) for a call it almost never makes.
    @usableFromInline @inline(never)
    static func storeChecksumIfAllZeros(from offset: Int, to end: Int, in bytes: inout MutableRawSpan) {
        var sum = InternetChecksum()
        guard sum.add(bytes.bytes, in: offset..<end), sum.partialSum == 0 else { return }
        bytes.put16(0xFFFF, offset &+ 2)
    }
}
