import CNE
import Glibc

/// The ICMP errors a router owes the sender, written in place over the packet that caused them
/// (the frame goes back out of the port it came in on): "fragmentation needed" / "packet too
/// big" for a packet the tunnel cannot carry (so path MTU discovery works through the
/// gateway), and "time exceeded" when the TTL or hop limit runs out (so traceroute sees it).
enum ICMPErrors {
    /// ICMPv4 type 3 code 4: fragmentation needed and DF set; the word carries the next-hop MTU.
    static let fragmentationNeeded: (type: UInt8, code: UInt8) = (3, 4)
    /// ICMPv4 type 11 code 0: TTL exceeded in transit.
    static let timeExceeded: (type: UInt8, code: UInt8) = (11, 0)
    /// ICMPv6 type 2: packet too big; the word is the MTU.
    static let packetTooBig: UInt8 = 2
    /// ICMPv6 type 3 code 0: hop limit exceeded in transit.
    static let hopLimitExceeded: UInt8 = 3
    /// An ICMPv6 error quotes as much of the packet as keeps it within the IPv6 minimum MTU.
    static let ipv6QuoteLimit = 1280 - IPv6Header.length - ICMPv6Header.length

    /// Turns the IPv4 packet `ip` in `bytes` (an untagged frame whose Ethernet header is
    /// `ethernet`) into an ICMPv4 error from `source` at `mac` back to its sender: its header and
    /// first 8 payload bytes quoted (RFC 792). Returns the frame's new length, or nil when the
    /// packet is too short to quote or is itself an ICMP error or a non-first fragment (no
    /// error about an error, RFC 1122 3.2.2).
    static func ipv4Error(in bytes: inout MutableRawSpan, ethernet: EthernetHeader, ip: IPv4Header,
                          type: (type: UInt8, code: UInt8), word: UInt32, source: IPv4Address, mac: MACAddress) -> Int? {
        let quote = ip.headerLength + 8
        guard ip.totalLength >= quote, ip.fragmentOffset == 0, !isICMPv4Error(bytes.bytes, ip),
              !ip.destination.isMulticast, ip.destination != .broadcast else { return nil }
        let icmp = ip.offset + IPv4Header.minimumLength
        let quoteAt = icmp + ICMPv4Header.length
        let end = quoteAt + quote
        guard end <= bytes.byteCount else { return nil }
        move(&bytes, from: ip.offset, to: quoteAt, count: quote)
        EthernetHeader.write(destination: ethernet.source, source: mac, etherType: .ipv4, into: &bytes, at: ethernet.offset)
        IPv4Header.write(source: source, destination: ip.source, protocol: .icmp, payloadLength: ICMPv4Header.length + quote,
                         into: &bytes, at: ip.offset)
        bytes.storeBytes(of: (UInt16(type.type) << 8 | UInt16(type.code)).bigEndian, toByteOffset: icmp, as: UInt16.self)
        bytes.storeBytes(of: UInt16(0), toByteOffset: icmp + 2, as: UInt16.self)
        bytes.storeBytes(of: word.bigEndian, toByteOffset: icmp + 4, as: UInt32.self)
        var sum = InternetChecksum()
        _ = sum.add(bytes.bytes, in: icmp..<end)
        bytes.storeBytes(of: sum.value.bigEndian, toByteOffset: icmp + 2, as: UInt16.self)
        return end
    }

    /// The IPv6 counterpart (RFC 4443): an ICMPv6 error of `type` with `word` (the MTU for
    /// "packet too big"), quoting as much of the packet as fits in 1280 bytes. Returns the
    /// frame's new length, or nil for packets that must not get one (ICMPv6 errors, multicast,
    /// from `::` or link-local sources).
    static func ipv6Error(in bytes: inout MutableRawSpan, ethernet: EthernetHeader, ip: IPv6Header, type: UInt8,
                          word: UInt32, source: IPv6Address, mac: MACAddress) -> Int? {
        guard !ip.destination.isMulticast, !ip.source.isUnspecified, !ip.source.isMulticast,
              !isICMPv6Error(bytes.bytes, ip) else { return nil }
        let quote = min(IPv6Header.length + ip.payloadLength, ipv6QuoteLimit)
        let icmp = ip.offset + IPv6Header.length
        let quoteAt = icmp + ICMPv6Header.length
        let end = quoteAt + quote
        guard end <= bytes.byteCount else { return nil }
        let destination = ip.source
        move(&bytes, from: ip.offset, to: quoteAt, count: quote)
        EthernetHeader.write(destination: ethernet.source, source: mac, etherType: .ipv6, into: &bytes, at: ethernet.offset)
        IPv6Header.write(source: source, destination: destination, nextHeader: .icmpv6,
                         payloadLength: ICMPv6Header.length + quote, into: &bytes, at: ip.offset)
        bytes.storeBytes(of: (UInt16(type) << 8).bigEndian, toByteOffset: icmp, as: UInt16.self)
        bytes.storeBytes(of: UInt16(0), toByteOffset: icmp + 2, as: UInt16.self)
        bytes.storeBytes(of: word.bigEndian, toByteOffset: icmp + 4, as: UInt32.self)
        var sum = PseudoHeader.ipv6(source: source, destination: destination, protocol: .icmpv6,
                                    length: ICMPv6Header.length + quote)
        _ = sum.add(bytes.bytes, in: icmp..<end)
        bytes.storeBytes(of: sum.value.bigEndian, toByteOffset: icmp + 2, as: UInt16.self)
        return end
    }

    /// An ICMPv4 message other than echo request/reply (those may be answered with errors).
    static func isICMPv4Error(_ bytes: RawSpan, _ ip: IPv4Header) -> Bool {
        guard ip.protocol == .icmp, let icmp = try? ICMPv4Header(parsing: bytes, at: ip.payloadOffset, end: ip.end) else {
            return false
        }
        return icmp.type != ICMPv4Header.echoRequest && icmp.type != ICMPv4Header.echoReply
    }

    /// An ICMPv6 error message (types below 128).
    static func isICMPv6Error(_ bytes: RawSpan, _ ip: IPv6Header) -> Bool {
        guard ip.upperLayerProtocol == .icmpv6,
              let icmp = try? ICMPv6Header(parsing: bytes, at: ip.upperLayerOffset, end: ip.end) else { return false }
        return icmp.type < 128
    }

    /// Copies `count` bytes within `bytes`, the regions possibly overlapping.
    static func move(_ bytes: inout MutableRawSpan, from source: Int, to destination: Int, count: Int) {
        bytes.withUnsafeMutableBytes { buffer in
            guard let base = buffer.baseAddress, source + count <= buffer.count, destination + count <= buffer.count else { return }
            memmove(base + destination, base + source, count)
        }
    }
}
