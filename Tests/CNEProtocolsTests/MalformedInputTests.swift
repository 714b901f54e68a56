import CNEProtocols
import Testing

/// Bytes that lie: every parser returns a ``ProtocolError`` naming the header and the byte,
/// never traps, never reads outside the bytes.
@Suite struct MalformedInputTests {
    /// Every captured frame cut at every byte offset: a parse error, or (where the cut only
    /// removes padding or payload the headers do not claim) a parse; never a trap.
    @Test func truncationAtEveryOffset() {
        for (name, frame) in Captured.all {
            #expect(throws: Never.self, "\(name) whole") { _ = try FrameLayers(parsing: frame.span.bytes) }
            for cut in 0..<frame.count {
                let prefix = Array(frame[0..<cut])
                do {
                    let layers = try FrameLayers(parsing: prefix.span.bytes)
                    // Only a cut past every claimed byte can parse.
                    let end = layers.ipv4?.end ?? layers.ipv6?.end ?? (layers.arp.map { $0.offset + 28 } ?? 14)
                    #expect(end <= cut, "\(name) cut at \(cut) parsed past its end")
                } catch {
                    #expect(error.offset >= 0 && error.offset <= frame.count, "\(name) cut at \(cut): \(error)")
                }
            }
        }
    }

    @Test func ipv4LengthsThatLie() throws {
        func parse(_ edit: (inout [UInt8]) -> Void) -> ProtocolError? {
            var f = Captured.icmpv4EchoRequest
            edit(&f)
            do {
                _ = try IPv4Header(parsing: f.span.bytes, at: 14)
                return nil
            } catch { return error }
        }
        #expect(parse { $0[14] = 0x44 } == ProtocolError(.badLength, in: .ipv4, at: 14))  // IHL 4
        #expect(parse { $0[14] = 0x65 } == ProtocolError(.badVersion, in: .ipv4, at: 14))
        #expect(parse { $0[14] = 0x4F } == ProtocolError(.truncated, in: .ipv4, at: 34))  // 60 bytes claimed, 52 present
        #expect(parse { $0[14] = 0x47 } == ProtocolError(.badOption, in: .ipv4, at: 34))  // "options" 08 00: kind 8, length 0
        #expect(parse { $0[16] = 0x00; $0[17] = 0x35 } == ProtocolError(.badLength, in: .ipv4, at: 16))  // 53 > 52 present
        #expect(parse { $0[16] = 0x00; $0[17] = 0x13 } == ProtocolError(.badLength, in: .ipv4, at: 16))  // 19 < 20
        #expect(parse { $0[16] = 0xFF; $0[17] = 0xFF } == ProtocolError(.badLength, in: .ipv4, at: 16))
        #expect(parse { $0[16] = 0x00; $0[17] = 0x14 } == nil)  // 20: payload empty, bytes after are padding
    }

    @Test func ipv4OptionLoops() throws {
        // IHL 6: four option bytes. Kind 7 (record route) with length 0 or 1 would loop, length
        // past the header would overrun; NOPs and an end-of-list are fine.
        func header(_ options: [UInt8]) -> [UInt8] {
            var h: [UInt8] = [0x46, 0, 0, 24, 0, 0, 0, 0, 64, 17, 0, 0, 192, 0, 2, 1, 192, 0, 2, 2] + options
            h[3] = UInt8(h.count)
            return h
        }
        for (options, ok) in [([1, 1, 1, 0], true), ([1, 1, 1, 1], true), ([7, 0, 0, 0], false), ([7, 1, 0, 0], false),
                              ([7, 5, 0, 0], false), ([1, 1, 1, 7], false), ([7, 4, 0, 0], true), ([0, 7, 0, 0], true)] as [([UInt8], Bool)] {
            let h = header(options)
            check(((try? IPv4Header(parsing: h.span.bytes, at: 0)) != nil) == ok, "\(options)")
        }
    }

    @Test func ipv6ExtensionHeaderLoops() throws {
        // A chain of destination-options headers, each pointing at the next: bounded by the
        // count, whatever the payload says.
        func chain(_ count: Int, last: UInt8 = 59) -> [UInt8] {
            var ext: [UInt8] = []
            for i in 0..<count { ext += [i == count - 1 ? last : 60, 0, 1, 4, 0, 0, 0, 0] }
            let header: [UInt8] = [0x60, 0, 0, 0, 0, UInt8(ext.count), 60, 64] + [UInt8](repeating: 0, count: 32)
            return header + ext
        }
        let eight = try IPv6Header(parsing: chain(8).span.bytes, at: 0)
        #expect(eight.extensionHeaderCount == 8 && eight.upperLayerProtocol == .noNextHeader)
        #expect(throws: ProtocolError(.tooManyHeaders, in: .ipv6, at: 40 + 64)) { try IPv6Header(parsing: chain(9).span.bytes, at: 0) }
        // A hop-by-hop header anywhere but first is refused.
        var late = chain(2)
        late[40] = 0
        #expect(throws: ProtocolError(.badOption, in: .ipv6, at: 48)) { try IPv6Header(parsing: late.span.bytes, at: 0) }
        // A header whose length runs past the payload.
        var long = chain(1)
        long[41] = 1
        #expect(throws: ProtocolError(.badOption, in: .ipv6, at: 40)) { try IPv6Header(parsing: long.span.bytes, at: 0) }
        // Payload length over the bytes present.
        var lying = chain(1)
        lying[5] = 9
        #expect(throws: ProtocolError(.badLength, in: .ipv6, at: 4)) { try IPv6Header(parsing: lying.span.bytes, at: 0) }
    }

    @Test func tcpOptionLoopsAndBadLengths() throws {
        func syn(_ options: [UInt8]) -> [UInt8] {
            [0, 1, 0, 80, 0, 0, 0, 1, 0, 0, 0, 0, UInt8((20 + options.count) / 4) << 4, 2, 0xFF, 0xFF, 0, 0, 0, 0] + options
        }
        #expect((try? TCPHeader(parsing: syn([2, 4, 5, 0xB4]).span.bytes, at: 0))?.maximumSegmentSize == 1460)
        for bad in [[2, 0, 0, 0], [2, 1, 0, 0], [2, 5, 5, 0xB4], [3, 4, 0, 0], [1, 1, 1, 8], [8, 10, 0, 0]] as [[UInt8]] {
            #expect(throws: ProtocolError.self, "\(bad)") { try TCPHeader(parsing: syn(bad).span.bytes, at: 0) }
        }
        var short = syn([])
        short[12] = 0x40  // data offset 4
        #expect(throws: ProtocolError(.badLength, in: .tcp, at: 12)) { try TCPHeader(parsing: short.span.bytes, at: 0) }
        short[12] = 0xF0  // 60 bytes claimed, 20 present
        #expect(throws: ProtocolError(.truncated, in: .tcp, at: 20)) { try TCPHeader(parsing: short.span.bytes, at: 0) }
    }

    @Test func udpAndICMPLengthsThatLie() throws {
        var f = Captured.udpv4
        f[38] = 0; f[39] = 7  // UDP length 7 < 8
        #expect(throws: ProtocolError(.badLength, in: .udp, at: 38)) { try FrameLayers(parsing: f.span.bytes) }
        f[39] = 26  // one past the IP payload
        #expect(throws: ProtocolError(.badLength, in: .udp, at: 38)) { try FrameLayers(parsing: f.span.bytes) }
        #expect(throws: ProtocolError(.truncated, in: .icmpv4, at: 30)) {
            let frame = Captured.icmpv4EchoRequest
            _ = try ICMPv4Header(parsing: frame.span.bytes, at: 30, end: 37)
        }
        #expect(throws: ProtocolError(.truncated, in: .icmpv4, at: 34)) {
            let frame = Captured.icmpv4EchoRequest
            _ = try ICMPv4Header(parsing: frame.span.bytes, at: 34, end: 67)
        }
    }

    @Test func neighbourDiscoveryOptionLoops() throws {
        var f = Captured.neighborSolicitation
        f[14 + 40 + 25] = 0  // the option's length: 0 would loop forever
        #expect(throws: ProtocolError(.badOption, in: .icmpv6, at: 78)) { try FrameLayers(parsing: f.span.bytes) }
        f[14 + 40 + 25] = 2  // 16 bytes, past the end
        #expect(throws: ProtocolError(.badOption, in: .icmpv6, at: 78)) { try FrameLayers(parsing: f.span.bytes) }
    }

    @Test func arpForAnotherHardwareIsUnsupported() {
        var f = Captured.arpRequest
        f[15] = 6  // IEEE 802 hardware type
        #expect(throws: ProtocolError(.unsupported, in: .arp, at: 14)) { try FrameLayers(parsing: f.span.bytes) }
        #expect(ProtocolError(.unsupported, in: .arp, at: 14).description == "ARP at byte 14: unsupported")
    }
}
