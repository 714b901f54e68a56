import CNE
import Testing
@testable import cne_wg

/// The gateway's ICMP errors, written over the packet that caused them: addressed back to the
/// sender, quoting it, with valid checksums; never about another error.
@Suite struct ICMPErrorsTests {
    static let gatewayMAC = MACAddress(2, 0, 0, 0, 0, 1)
    static let hostMAC = MACAddress(2, 0, 0, 0, 0, 2)

    /// An Ethernet frame carrying an ICMP echo request (or `icmpType`) of `total` IP bytes, with
    /// `room` spare bytes after it (what the gateway appends before answering).
    func ipv4Frame(total: Int, icmpType: UInt8 = 8, room: Int = 28) -> [UInt8] {
        var f = [UInt8](repeating: 0xab, count: 14 + total + room)
        f.withUnsafeMutableBytes { raw in
            var span = raw.mutableBytes
            EthernetHeader.write(destination: Self.gatewayMAC, source: Self.hostMAC, etherType: .ipv4, into: &span)
            IPv4Header.write(source: IPv4Address(10, 10, 1, 2), destination: IPv4Address(10, 20, 1, 2), protocol: .icmp,
                             payloadLength: total - 20, into: &span, at: 14)
            span.storeBytes(of: (UInt16(icmpType) << 8).bigEndian, toByteOffset: 34, as: UInt16.self)
        }
        return f
    }

    func answer(_ f: inout [UInt8], type: (type: UInt8, code: UInt8), word: UInt32) -> Int? {
        f.withUnsafeMutableBytes { raw -> Int? in
            var span = raw.mutableBytes
            guard let ethernet = try? EthernetHeader(parsing: span.bytes),
                  let ip = try? IPv4Header(parsing: span.bytes, at: 14) else { return nil }
            return ICMPErrors.ipv4Error(in: &span, ethernet: ethernet, ip: ip, type: type, word: word,
                                        source: IPv4Address(10, 10, 1, 1), mac: Self.gatewayMAC)
        }
    }

    @Test func fragmentationNeededGoesBackWithTheMTUAndTheQuote() throws {
        var f = ipv4Frame(total: 1500)
        let original = Array(f[14..<(14 + 28)])
        let length = try #require(answer(&f, type: ICMPErrors.fragmentationNeeded, word: 1420))
        #expect(length == 14 + 20 + 8 + 28)
        let frame = Array(f[0..<length])
        try frame.withUnsafeBytes { raw in
            let layers = try FrameLayers(parsing: raw.bytes)
            #expect(layers.ethernet.destination == Self.hostMAC && layers.ethernet.source == Self.gatewayMAC)
            let ip = try #require(layers.ipv4), icmp = try #require(layers.icmpv4)
            #expect(ip.source == IPv4Address(10, 10, 1, 1) && ip.destination == IPv4Address(10, 10, 1, 2))
            #expect(ip.isChecksumValid(in: raw.bytes) && icmp.isChecksumValid(in: raw.bytes))
            #expect(icmp.type == 3 && icmp.code == 4)
        }
        #expect(Array(frame[38..<42]) == [0, 0, 0x05, 0x8c])   // unused, then the next-hop MTU 1420
        #expect(Array(frame[42...]) == original)          // the header and 8 bytes, as sent
    }

    @Test func noErrorAboutAnError() {
        var f = ipv4Frame(total: 1500, icmpType: 3)
        #expect(answer(&f, type: ICMPErrors.timeExceeded, word: 0) == nil)
        var short = ipv4Frame(total: 1500, room: 0)
        short.removeLast(1500 - 20)                        // the quote would not fit
        #expect(answer(&short, type: ICMPErrors.timeExceeded, word: 0) == nil)
    }

    @Test func packetTooBigOverIPv6() throws {
        let source = IPv6Address("fd10::2")!, gateway = IPv6Address("fd10::1")!
        var f = [UInt8](repeating: 0xcd, count: 14 + 1500 + 48)
        f.withUnsafeMutableBytes { raw in
            var span = raw.mutableBytes
            EthernetHeader.write(destination: Self.gatewayMAC, source: Self.hostMAC, etherType: .ipv6, into: &span)
            IPv6Header.write(source: source, destination: IPv6Address("fd20::2")!, nextHeader: .icmpv6,
                             payloadLength: 1460, into: &span, at: 14)
            span.storeBytes(of: (UInt16(128) << 8).bigEndian, toByteOffset: 54, as: UInt16.self)   // echo request
        }
        let original = Array(f[14..<(14 + ICMPErrors.ipv6QuoteLimit)])
        let length = try #require(f.withUnsafeMutableBytes { raw -> Int? in
            var span = raw.mutableBytes
            guard let ethernet = try? EthernetHeader(parsing: span.bytes), let ip = try? IPv6Header(parsing: span.bytes, at: 14) else { return nil }
            return ICMPErrors.ipv6Error(in: &span, ethernet: ethernet, ip: ip, type: ICMPErrors.packetTooBig, word: 1420,
                                        source: gateway, mac: Self.gatewayMAC)
        })
        #expect(length == 14 + 1280)                       // the IPv6 minimum MTU, no more
        let frame = Array(f[0..<length])
        try frame.withUnsafeBytes { raw in
            let layers = try FrameLayers(parsing: raw.bytes)
            let ip = try #require(layers.ipv6), icmp = try #require(layers.icmpv6)
            #expect(ip.source == gateway && ip.destination == source)
            #expect(icmp.type == 2 && icmp.isChecksumValid(in: raw.bytes, pseudoHeader: ip.pseudoHeader))
        }
        #expect(Array(frame[58..<62]) == [0, 0, 0x05, 0x8c])
        #expect(Array(frame[62...]) == original)
    }
}
