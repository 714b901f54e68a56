/// An IPv6 header (RFC 8200) with its extension headers walked, parsed and checked once: the
/// payload length against the bytes present, and each extension header's length.
///
/// The walk follows hop-by-hop, routing, fragment, destination options and authentication
/// headers to the upper layer (``upperLayerProtocol`` at ``upperLayerOffset``). It stops at
/// ESP (encrypted), at "no next header", at any other protocol, and at a fragment that is not
/// the first (its upper layer is elsewhere: ``isFragment`` tells).
@frozen public struct IPv6Header: Hashable, Sendable {
    /// 40: the fixed header.
    @inlinable public static var length: Int { 40 }
    /// The most extension headers a parse walks; more is ``ProtocolError/Reason/tooManyHeaders``.
    @inlinable public static var maximumExtensionHeaders: Int { 8 }

    /// Where the header starts.
    public let offset: Int
    /// Traffic class (DSCP and ECN).
    public let trafficClass: UInt8
    /// The 20-bit flow label.
    public let flowLabel: UInt32
    /// The payload's length (extension headers included) as the header states it; never more
    /// than the bytes present.
    public let payloadLength: Int
    /// The next header right after the fixed header (an extension header or the upper layer).
    public let nextHeader: IPProtocol
    /// Hop limit.
    public let hopLimit: UInt8
    /// The source address.
    public let source: IPv6Address
    /// The destination address.
    public let destination: IPv6Address
    /// The protocol after the extension headers (UDP, TCP, ICMPv6, ESP, ...).
    public let upperLayerProtocol: IPProtocol
    /// Where the upper-layer header starts.
    public let upperLayerOffset: Int
    /// How many extension headers were walked.
    public let extensionHeaderCount: Int
    /// The fragment offset in bytes from a fragment header (0 without one, or for the first).
    public let fragmentOffset: Int
    /// True when a fragment header said that more fragments follow, or gave a non-zero offset.
    public let isFragment: Bool

    /// Parses the header at byte `offset` of `bytes` and walks its extension headers.
    ///
    /// - Throws: ``ProtocolError``: `.truncated` (fewer than 40 bytes), `.badVersion`,
    ///   `.badLength` (payload length over the bytes present, or 0: jumbograms are not taken),
    ///   `.badOption` (an extension header that runs past the payload), `.tooManyHeaders`.
    @inlinable @inline(__always)
    public init(parsing bytes: RawSpan, at offset: Int) throws(ProtocolError) {
        guard bytes.has(40, at: offset) else { throw ProtocolError(.truncated, in: .ipv6, at: offset) }
        let first = bytes.be32(offset)
        guard first >> 28 == 6 else { throw ProtocolError(.badVersion, in: .ipv6, at: offset) }
        let payloadLength = Int(bytes.be16(offset &+ 4))
        guard payloadLength <= bytes.byteCount - offset - 40 else {
            throw ProtocolError(.badLength, in: .ipv6, at: offset &+ 4)
        }
        self.offset = offset
        trafficClass = UInt8(truncatingIfNeeded: first >> 20)
        flowLabel = first & 0xF_FFFF
        self.payloadLength = payloadLength
        let next = IPProtocol(rawValue: bytes.u8(offset &+ 6))
        nextHeader = next
        hopLimit = bytes.u8(offset &+ 7)
        source = IPv6Address(high: bytes.be64(offset &+ 8), low: bytes.be64(offset &+ 16))
        destination = IPv6Address(high: bytes.be64(offset &+ 24), low: bytes.be64(offset &+ 32))

        // The extension-header walk, bounded by the payload and by a count.
        let end = offset &+ 40 + payloadLength
        var proto = next
        var at = offset &+ 40
        var count = 0
        var fragment = 0
        var fragmented = false
        walk: while true {
            switch proto {
            case .hopByHop, .routing, .destinationOptions, .authentication, .fragment:
                if proto == .hopByHop && count > 0 { throw ProtocolError(.badOption, in: .ipv6, at: at) }
                guard count < Self.maximumExtensionHeaders else {
                    throw ProtocolError(.tooManyHeaders, in: .ipv6, at: at)
                }
                guard end - at >= 8 else { throw ProtocolError(.badOption, in: .ipv6, at: at) }
                let length: Int
                if proto == .fragment {
                    length = 8
                    let field = bytes.be16(at &+ 2)
                    fragment = Int(field & 0xFFF8)
                    fragmented = true
                    if field & 1 == 0 && fragment == 0 {
                        fragmented = false  // an atomic fragment (RFC 6946): a whole datagram
                    }
                } else if proto == .authentication {
                    length = (Int(bytes.u8(at &+ 1)) + 2) * 4
                } else {
                    length = (Int(bytes.u8(at &+ 1)) + 1) * 8
                }
                guard length <= end - at else { throw ProtocolError(.badOption, in: .ipv6, at: at) }
                proto = IPProtocol(rawValue: bytes.u8(at))
                at += length
                count += 1
                if fragmented && fragment != 0 { break walk }
            default:
                break walk
            }
        }
        upperLayerProtocol = proto
        upperLayerOffset = at
        extensionHeaderCount = count
        fragmentOffset = fragment
        isFragment = fragmented
    }

    /// Where the payload (first extension header or upper layer) starts.
    @inlinable public var payloadOffset: Int { offset &+ 40 }
    /// The byte after the datagram.
    @inlinable public var end: Int { offset &+ 40 + payloadLength }
    /// The upper layer's length (the payload less the extension headers).
    @inlinable public var upperLayerLength: Int { end - upperLayerOffset }

    /// The pseudo-header sum for the upper layer (UDP, TCP or ICMPv6 checksums).
    @inlinable public var pseudoHeader: InternetChecksum {
        PseudoHeader.ipv6(
            source: source, destination: destination, protocol: upperLayerProtocol, length: upperLayerLength)
    }

    /// Swaps the source and destination addresses in `bytes`. Upper-layer checksums do not
    /// change: the pseudo-header sums the two addresses, in any order.
    @inlinable @inline(__always)
    public func swapAddresses(in bytes: inout MutableRawSpan) {
        bytes.store(destination, at: offset &+ 8)
        bytes.store(source, at: offset &+ 24)
    }

    /// Sets the hop limit in `bytes` (no checksum covers it).
    @inlinable @inline(__always)
    public func setHopLimit(_ hopLimit: UInt8, in bytes: inout MutableRawSpan) {
        bytes.put8(hopLimit, offset &+ 7)
    }

    /// Writes a 40-byte header at byte `offset` of `bytes` (traps when it does not fit there:
    /// the offset is the program's).
    @inlinable
    public static func write(
        source: IPv6Address, destination: IPv6Address, nextHeader: IPProtocol, payloadLength: Int,
        hopLimit: UInt8 = 64, trafficClass: UInt8 = 0, flowLabel: UInt32 = 0,
        into bytes: inout MutableRawSpan, at offset: Int
    ) {
        bytes.put32(6 << 28 | UInt32(trafficClass) << 20 | flowLabel & 0xF_FFFF, offset)
        bytes.put16(UInt16(truncatingIfNeeded: payloadLength), offset &+ 4)
        bytes.put8(nextHeader.rawValue, offset &+ 6)
        bytes.put8(hopLimit, offset &+ 7)
        bytes.store(source, at: offset &+ 8)
        bytes.store(destination, at: offset &+ 24)
    }
}
