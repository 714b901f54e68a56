/// TCP's control flags.
@frozen public struct TCPFlags: OptionSet, Hashable, Sendable {
    /// The flag bits as in the header's 13th and 14th bytes (low 9 bits).
    public var rawValue: UInt16
    /// Flags from their bits.
    @inlinable public init(rawValue: UInt16) { self.rawValue = rawValue }
    /// No more data from the sender.
    @inlinable public static var fin: TCPFlags { TCPFlags(rawValue: 0x001) }
    /// Synchronize sequence numbers.
    @inlinable public static var syn: TCPFlags { TCPFlags(rawValue: 0x002) }
    /// Reset the connection.
    @inlinable public static var rst: TCPFlags { TCPFlags(rawValue: 0x004) }
    /// Push.
    @inlinable public static var psh: TCPFlags { TCPFlags(rawValue: 0x008) }
    /// The acknowledgment number is significant.
    @inlinable public static var ack: TCPFlags { TCPFlags(rawValue: 0x010) }
    /// The urgent pointer is significant.
    @inlinable public static var urg: TCPFlags { TCPFlags(rawValue: 0x020) }
    /// ECN echo.
    @inlinable public static var ece: TCPFlags { TCPFlags(rawValue: 0x040) }
    /// Congestion window reduced.
    @inlinable public static var cwr: TCPFlags { TCPFlags(rawValue: 0x080) }
}

/// A TCP header (RFC 9293), parsed and checked once: data offset, and every option's length;
/// the common options are read on the way.
@frozen public struct TCPHeader: Hashable, Sendable {
    /// 20: a header without options.
    @inlinable public static var minimumLength: Int { 20 }

    /// Where the header starts.
    public let offset: Int
    /// The source port.
    public let sourcePort: UInt16
    /// The destination port.
    public let destinationPort: UInt16
    /// The sequence number.
    public let sequenceNumber: UInt32
    /// The acknowledgment number.
    public let acknowledgmentNumber: UInt32
    /// The header's length in bytes, with options (20...60).
    public let headerLength: Int
    /// The control flags.
    public let flags: TCPFlags
    /// The receive window (unscaled).
    public let window: UInt16
    /// The checksum as stored.
    public let checksum: UInt16
    /// The urgent pointer.
    public let urgentPointer: UInt16
    /// The maximum segment size option, if present.
    public let maximumSegmentSize: UInt16?
    /// The window scale option's shift, if present.
    public let windowScale: UInt8?
    /// True when the SACK-permitted option is present.
    public let sackPermitted: Bool
    /// The timestamps option (value, echo reply), if present.
    public let timestamps: (value: UInt32, echoReply: UInt32)?

    /// Parses the header at byte `offset` of `bytes`.
    ///
    /// - Throws: ``ProtocolError``: `.truncated` (fewer than 20 bytes, or than the data
    ///   offset says), `.badLength` (data offset under 5), `.badOption` (an option whose length
    ///   is under 2, wrong for its kind, or past the header).
    @inlinable @inline(__always)
    public init(parsing bytes: RawSpan, at offset: Int) throws(ProtocolError) {
        guard bytes.has(20, at: offset) else { throw ProtocolError(.truncated, in: .tcp, at: offset) }
        let word = bytes.be16(offset &+ 12)
        let headerLength = Int(word >> 12) * 4
        guard headerLength >= 20 else { throw ProtocolError(.badLength, in: .tcp, at: offset &+ 12) }
        guard bytes.has(headerLength, at: offset) else { throw ProtocolError(.truncated, in: .tcp, at: offset &+ 20) }
        self.offset = offset
        sourcePort = bytes.be16(offset)
        destinationPort = bytes.be16(offset &+ 2)
        sequenceNumber = bytes.be32(offset &+ 4)
        acknowledgmentNumber = bytes.be32(offset &+ 8)
        self.headerLength = headerLength
        flags = TCPFlags(rawValue: word & 0x1FF)
        window = bytes.be16(offset &+ 14)
        checksum = bytes.be16(offset &+ 16)
        urgentPointer = bytes.be16(offset &+ 18)

        var mss: UInt16? = nil
        var scale: UInt8? = nil
        var sack = false
        var stamps: (UInt32, UInt32)? = nil
        let end = offset + headerLength
        var i = offset &+ 20
        options: while i < end {
            let kind = bytes.u8(i)
            switch kind {
            case 0: break options
            case 1:
                i += 1
                continue options
            default: break
            }
            guard i &+ 1 < end else { throw ProtocolError(.badOption, in: .tcp, at: i) }
            let length = Int(bytes.u8(i &+ 1))
            guard length >= 2, length <= end - i else { throw ProtocolError(.badOption, in: .tcp, at: i) }
            let expected: Int? =
                switch kind {
                case 2: 4
                case 3: 3
                case 4: 2
                case 8: 10
                default: nil
                }
            if let expected, expected != length { throw ProtocolError(.badOption, in: .tcp, at: i) }
            switch kind {
            case 2: mss = bytes.be16(i &+ 2)
            case 3: scale = bytes.u8(i &+ 2)
            case 4: sack = true
            case 8: stamps = (bytes.be32(i &+ 2), bytes.be32(i &+ 6))
            default: break
            }
            i += length
        }
        maximumSegmentSize = mss
        windowScale = scale
        sackPermitted = sack
        timestamps = stamps.map { (value: $0.0, echoReply: $0.1) }
    }

    /// Where the payload starts.
    @inlinable public var payloadOffset: Int { offset + headerLength }

    /// True when the checksum over the segment (this header to `end`, e.g. the IP payload's
    /// end) is right given the IP layer's `pseudoHeader` sum.
    @inlinable
    public func isChecksumValid(in bytes: RawSpan, end: Int, pseudoHeader: InternetChecksum) -> Bool {
        var sum = pseudoHeader
        return sum.add(bytes, in: offset..<end) && sum.value == 0
    }

    /// Swaps the ports in `bytes` (the checksum does not change).
    @inlinable @inline(__always)
    public func swapPorts(in bytes: inout MutableRawSpan) {
        bytes.put16(destinationPort, offset)
        bytes.put16(sourcePort, offset &+ 2)
    }

    /// Compares every field (spelled out: the timestamps tuple cannot be Equatable).
    @inlinable
    public static func == (a: TCPHeader, b: TCPHeader) -> Bool {
        a.offset == b.offset && a.sourcePort == b.sourcePort && a.destinationPort == b.destinationPort
            && a.sequenceNumber == b.sequenceNumber && a.acknowledgmentNumber == b.acknowledgmentNumber
            && a.headerLength == b.headerLength && a.flags == b.flags && a.window == b.window
            && a.checksum == b.checksum && a.urgentPointer == b.urgentPointer
            && a.maximumSegmentSize == b.maximumSegmentSize && a.windowScale == b.windowScale
            && a.sackPermitted == b.sackPermitted && a.timestamps?.value == b.timestamps?.value
            && a.timestamps?.echoReply == b.timestamps?.echoReply
    }

    /// Hashes the ports, sequence numbers and flags.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(offset)
        hasher.combine(sourcePort)
        hasher.combine(destinationPort)
        hasher.combine(sequenceNumber)
        hasher.combine(acknowledgmentNumber)
        hasher.combine(flags.rawValue)
    }
}
