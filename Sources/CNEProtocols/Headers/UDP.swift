/// A UDP header (RFC 768), parsed and checked once: its length field against the bytes present.
@frozen public struct UDPHeader: Hashable, Sendable {
    /// 8.
    @inlinable public static var length: Int { 8 }

    /// Where the header starts.
    public let offset: Int
    /// The source port.
    public let sourcePort: UInt16
    /// The destination port.
    public let destinationPort: UInt16
    /// The datagram's length (header and payload) as the header states it (8 or more, never
    /// more than the bytes present).
    public let datagramLength: Int
    /// The checksum as stored (0 over IPv4: none was computed).
    public let checksum: UInt16

    /// Parses the header at byte `offset` of `bytes`; `end`, when given, is where the IP
    /// payload ends (e.g. ``IPv4Header/end``), else the end of `bytes`.
    ///
    /// - Throws: ``ProtocolError`` `.truncated`, or `.badLength` when the length field is
    ///   under 8 or past `end`.
    @inlinable @inline(__always)
    public init(parsing bytes: RawSpan, at offset: Int, end: Int? = nil) throws(ProtocolError) {
        let limit = Swift.min(end ?? bytes.byteCount, bytes.byteCount)
        // With both non-negative `limit &- offset` cannot overflow, and 8 or more means the
        // header lies before the limit, so inside the bytes.
        guard offset >= 0, limit >= 0, limit &- offset >= 8 else {
            throw ProtocolError(.truncated, in: .udp, at: offset)
        }
        let length = Int(bytes.be16(offset &+ 4))
        guard length >= 8, length <= limit &- offset else { throw ProtocolError(.badLength, in: .udp, at: offset &+ 4) }
        self.offset = offset
        sourcePort = bytes.be16(offset)
        destinationPort = bytes.be16(offset &+ 2)
        datagramLength = length
        checksum = bytes.be16(offset &+ 6)
    }

    /// Where the payload starts.
    @inlinable public var payloadOffset: Int { offset &+ 8 }
    /// The payload's length.
    @inlinable public var payloadLength: Int { datagramLength &- 8 }
    /// The byte after the datagram.
    @inlinable public var end: Int { offset &+ datagramLength }

    /// True when the checksum is right given the IP layer's `pseudoHeader` sum (a zero
    /// checksum, "none" over IPv4, is accepted only when `zeroMeansNone`).
    @inlinable
    public func isChecksumValid(in bytes: RawSpan, pseudoHeader: InternetChecksum, zeroMeansNone: Bool = true) -> Bool {
        if checksum == 0 { return zeroMeansNone }
        var sum = pseudoHeader
        return sum.add(bytes, in: offset..<end) && sum.value == 0
    }

    /// Swaps the ports in `bytes` (the checksum does not change).
    @inlinable @inline(__always)
    public func swapPorts(in bytes: inout MutableRawSpan) {
        bytes.put16(destinationPort, offset)
        bytes.put16(sourcePort, offset &+ 2)
    }

    /// Computes and stores the checksum in `bytes` from the IP layer's `pseudoHeader` sum (a
    /// computed 0 is sent as 0xFFFF, RFC 768).
    @inlinable
    public func updateChecksum(in bytes: inout MutableRawSpan, pseudoHeader: InternetChecksum) {
        bytes.put16(0, offset &+ 6)
        var sum = pseudoHeader
        sum.add(bytes.bytes, in: offset..<end)
        let value = sum.value
        bytes.put16(value == 0 ? 0xFFFF : value, offset &+ 6)
    }
}
