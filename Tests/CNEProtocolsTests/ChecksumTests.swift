import CNEProtocols
import Testing

@Suite struct ChecksumTests {
    /// RFC 1071 section 3's example: the words 0001 f203 f4f5 f6f7 sum to ddf2.
    @Test func rfc1071Example() {
        let bytes: [UInt8] = [0x00, 0x01, 0xF2, 0x03, 0xF4, 0xF5, 0xF6, 0xF7]
        var sum = InternetChecksum()
        sum.add(bytes.span.bytes)
        #expect(sum.partialSum == 0xDDF2)
        #expect(sum.value == ~UInt16(0xDDF2))
        #expect(InternetChecksum.of(bytes.span.bytes) == 0x220D)
        // In pieces, split anywhere (also on an odd byte): the same sum.
        for cut in 0...bytes.count {
            var pieces = InternetChecksum()
            pieces.add(bytes.span.bytes, in: 0..<cut)
            pieces.add(bytes.span.bytes, in: cut..<bytes.count)
            #expect(pieces.value == 0x220D, "cut at \(cut)")
        }
        var outside = InternetChecksum()
        check(!outside.add(bytes.span.bytes, in: 4..<9))
        #expect(outside.value == 0xFFFF)
    }

    /// The kernel's checksums in the frames it sent verify: IPv4 header, ICMP, ICMPv6 with its
    /// pseudo-header (behind a hop-by-hop header too).
    @Test func kernelChecksumsVerify() throws {
        let fFrame = Captured.icmpv4EchoRequest
        let f = fFrame.span.bytes
        let ip = try IPv4Header(parsing: f, at: 14)
        check(ip.isChecksumValid(in: f))
        #expect(try ICMPv4Header(parsing: f, at: ip.payloadOffset, end: ip.end).isChecksumValid(in: f))
        for frame in [Captured.icmpv6EchoRequest, Captured.neighborSolicitation, Captured.mldv2WithHopByHop] {
            let bytes = frame.span.bytes
            let ip6 = try IPv6Header(parsing: bytes, at: 14)
            let icmp = try ICMPv6Header(parsing: bytes, at: ip6.upperLayerOffset, end: ip6.end)
            check(icmp.isChecksumValid(in: bytes, pseudoHeader: ip6.pseudoHeader))
        }
    }

    /// Computing the kernel's fields from scratch gives the kernel's values.
    @Test func recomputedChecksumsMatchTheKernels() throws {
        var frame = Captured.icmpv4EchoRequest
        var span = frame.mutableSpan
        var bytes = span.mutableBytes
        let ip = try IPv4Header(parsing: bytes.bytes, at: 14)
        ip.updateChecksum(in: &bytes)
        #expect(try IPv4Header(parsing: bytes.bytes, at: 14).checksum == ip.checksum)
        _ = consume bytes
        _ = consume span
        #expect(frame == Captured.icmpv4EchoRequest)

        var ns = Captured.neighborSolicitation
        var nsSpan = ns.mutableSpan
        var nsBytes = nsSpan.mutableBytes
        let ip6 = try IPv6Header(parsing: nsBytes.bytes, at: 14)
        let icmp = try ICMPv6Header(parsing: nsBytes.bytes, at: ip6.upperLayerOffset, end: ip6.end)
        icmp.updateChecksum(in: &nsBytes, pseudoHeader: ip6.pseudoHeader)
        #expect(try ICMPv6Header(parsing: nsBytes.bytes, at: 54, end: ip6.end).checksum == icmp.checksum)
    }

    /// UDP and TCP sent over veth carry a checksum the kernel left to the "device" (offload:
    /// the field holds only the pseudo-header's folded sum); computing the full one and
    /// checking it verifies our pseudo-header against the kernel's.
    @Test func udpAndTCPPseudoHeadersMatchTheKernels() throws {
        for frame in [Captured.udpv4, Captured.tcpSYN] {
            let f = frame.span.bytes
            let ip = try IPv4Header(parsing: f, at: 14)
            let stored = f.unsafeLoadUnaligned(fromByteOffset: ip.payloadOffset + (ip.protocol == .udp ? 6 : 16), as: UInt16.self)
            let offloaded = UInt16(bigEndian: stored) == ~ip.pseudoHeader.value
            var full = ip.pseudoHeader
            full.add(f, in: ip.payloadOffset..<ip.end)
            #expect(offloaded || full.value == 0, "neither a partial nor a full checksum")
        }
        let f6Frame = Captured.udpv6
        let f6 = f6Frame.span.bytes
        let ip6 = try IPv6Header(parsing: f6, at: 14)
        let udp = try UDPHeader(parsing: f6, at: ip6.upperLayerOffset, end: ip6.end)
        #expect(udp.checksum == ~ip6.pseudoHeader.value || udp.isChecksumValid(in: f6, pseudoHeader: ip6.pseudoHeader, zeroMeansNone: false))
    }

    /// RFC 1624: the incremental update equals a full recomputation, for every TTL and for
    /// address rewrites, and never gives 0 where a recomputation gives 0xFFFF.
    @Test func incrementalUpdateMatchesRecomputation() throws {
        var frame = Captured.icmpv4EchoRequest
        for ttl in 0...255 {
            var span = frame.mutableSpan
            var bytes = span.mutableBytes
            let ip = try IPv4Header(parsing: bytes.bytes, at: 14)
            ip.setTimeToLive(UInt8(ttl), in: &bytes)
            let updated = try IPv4Header(parsing: bytes.bytes, at: 14)
            #expect(updated.timeToLive == UInt8(ttl))
            check(updated.isChecksumValid(in: bytes.bytes), "TTL \(ttl)")
            updated.updateChecksum(in: &bytes)
            #expect(try IPv4Header(parsing: bytes.bytes, at: 14).checksum == updated.checksum, "TTL \(ttl)")
        }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            var words = (0..<10).map { UInt16(truncatingIfNeeded: state >> UInt64($0 * 6)) }
            func checksum(_ w: [UInt16]) -> UInt16 {
                var s = InternetChecksum()
                for x in w { s.add(x) }
                return s.value
            }
            let before = checksum(words)
            let new = UInt16(truncatingIfNeeded: state >> 40)
            let old = words[3]
            words[3] = new
            #expect(InternetChecksum.updated(before, replacing: old, with: new) == checksum(words))
            let old32 = UInt32(words[4]) << 16 | UInt32(words[5])
            let new32 = UInt32(truncatingIfNeeded: state)
            let before32 = checksum(words)
            words[4] = UInt16(new32 >> 16)
            words[5] = UInt16(new32 & 0xFFFF)
            #expect(InternetChecksum.updated(before32, replacing: old32, with: new32) == checksum(words))
        }
    }

    @Test func largeAndOddInputsFoldCorrectly() {
        let big = [UInt8](repeating: 0xFF, count: 1 << 20) + [0xAB]
        var reference: UInt32 = 0
        for i in stride(from: 0, to: big.count, by: 2) {
            reference += UInt32(big[i]) << 8 | (i + 1 < big.count ? UInt32(big[i + 1]) : 0)
            reference = (reference & 0xFFFF) + (reference >> 16)
        }
        #expect(InternetChecksum.of(big.span.bytes) == ~UInt16(reference))
    }
}
