import CNEProtocols
import Testing

/// The in-place setters update checksums in wire order (RFC 1624 on the words as loaded, no
/// byte swaps): each result must be exactly what a recomputation over the edited bytes gives,
/// over many random headers and messages, with checksums of 0x0000 before or after forced in
/// (random data reaches them once in 65536) and, for ICMPv4, messages that end all zeros.
@Suite struct IncrementalUpdateTests {
    /// SplitMix64 from a fixed seed, so that a failing round reproduces.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func byte() -> UInt8 { UInt8(truncatingIfNeeded: next()) }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    /// One's complement sums commute with byte swapping (RFC 1071 2.B), which the wire-order
    /// updates rest on: swapping every input swaps the result, also at 0x0000 and 0xFFFF.
    @Test func updateCommutesWithByteSwapping() {
        var random = Random(state: 3)
        let corners: [UInt16] = [0, 1, 0x00FF, 0x0100, 0x7FFF, 0x8000, 0xFF00, 0xFFFE, 0xFFFF]
        var mismatches: [String] = []
        for _ in 0..<100_000 {
            let pick = { (r: inout Random) -> UInt16 in
                r.below(3) == 0 ? corners[r.below(corners.count)] : UInt16(truncatingIfNeeded: r.next())
            }
            let (c, old, new) = (pick(&random), pick(&random), pick(&random))
            let hostOrder = InternetChecksum.updated(c, replacing: old, with: new)
            let wireOrder = InternetChecksum.updated(c.byteSwapped, replacing: old.byteSwapped, with: new.byteSwapped)
            if wireOrder != hostOrder.byteSwapped { mismatches.append("\(c) \(old) \(new)") }
        }
        let failed = mismatches.count
        #expect(failed == 0, "first: \(mismatches.prefix(3))")
    }

    @Test func timeToLiveUpdateIsARecomputation() throws {
        var random = Random(state: 1)
        var zeroBefore = 0
        var zeroAfter = 0
        var mismatches: [String] = []
        let ip = 14
        for round in 0..<20_000 {
            let ihl = 5 + random.below(11)
            var frame = (0..<(ip + ihl * 4 + random.below(8))).map { _ in random.byte() }
            frame[ip] = 0x40 | UInt8(ihl)
            put16(&frame, ip + 2, UInt16(frame.count - ip))
            for i in (ip + 20)..<(ip + ihl * 4) { frame[i] = 1 }  // no-operation options
            let header = ip..<(ip + ihl * 4)
            let ttl = random.byte()
            switch round % 3 {
            case 0:
                forceZeroChecksum(&frame, header, field: ip + 10, free: ip + 4)
            case 1:  // zero after: forced with the new TTL in place, then the old one put back
                let old = frame[ip + 8]
                frame[ip + 8] = ttl
                forceZeroChecksum(&frame, header, field: ip + 10, free: ip + 4)
                frame[ip + 8] = old
            default: break
            }
            put16(&frame, ip + 10, recomputed(frame, header, field: ip + 10))
            if be16(frame, ip + 10) == 0 { zeroBefore += 1 }
            try edit(&frame) { bytes in
                try IPv4Header(parsing: bytes.bytes, at: ip).setTimeToLive(ttl, in: &bytes)
            }
            let expected = recomputed(frame, header, field: ip + 10)
            if expected == 0 { zeroAfter += 1 }
            if frame[ip + 8] != ttl || be16(frame, ip + 10) != expected {
                mismatches.append("round \(round): TTL \(frame[ip + 8]), checksum \(be16(frame, ip + 10)), recomputed \(expected)")
            }
        }
        let failed = mismatches.count
        #expect(failed == 0, "first: \(mismatches.prefix(3))")
        #expect(zeroBefore >= 6000 && zeroAfter >= 6000, "the forced cases were reached")
    }

    @Test func typeUpdateIsARecomputation() throws {
        var random = Random(state: 2)
        var zeroAfter = 0
        var allZeros = 0
        var mismatches: [String] = []
        let message = 14 + 20
        for round in 0..<20_000 {
            var frame = (0..<(message + 8 + random.below(33))).map { _ in random.byte() }
            frame[14] = 0x45
            put16(&frame, 16, UInt16(frame.count - 14))
            let icmp = message..<frame.count
            var (type, code) = (random.byte(), random.byte())
            switch round % 4 {
            case 0:
                forceZeroChecksum(&frame, icmp, field: message + 2, free: message + 4)
            case 1:  // zero after: forced with the new type and code in place, then the old ones back
                let old = (frame[message], frame[message + 1])
                (frame[message], frame[message + 1]) = (type, code)
                forceZeroChecksum(&frame, icmp, field: message + 2, free: message + 4)
                (frame[message], frame[message + 1]) = old
            case 2:  // all zeros after (an echo reply with identifier, sequence number and payload 0)
                for i in (message + 4)..<frame.count { frame[i] = 0 }
                frame[message] |= 1
                (type, code) = (0, 0)
            default: break
            }
            put16(&frame, message + 2, recomputed(frame, icmp, field: message + 2))
            try edit(&frame) { bytes in
                try ICMPv4Header(parsing: bytes.bytes, at: message, end: bytes.byteCount).setType(type, code: code, in: &bytes)
            }
            let expected = recomputed(frame, icmp, field: message + 2)
            if expected == 0 { zeroAfter += 1 }
            if expected == 0xFFFF { allZeros += 1 }
            if frame[message] != type || frame[message + 1] != code || be16(frame, message + 2) != expected {
                mismatches.append("round \(round): checksum \(be16(frame, message + 2)), recomputed \(expected)")
            }
        }
        let failed = mismatches.count
        #expect(failed == 0, "first: \(mismatches.prefix(3))")
        #expect(zeroAfter >= 4000 && allZeros >= 4000, "the forced cases were reached")
    }

    /// The all-zeros reply end to end: its checksum is 0xFFFF, which verifies (0 would not).
    @Test func echoReplyOfAllZerosVerifies() throws {
        var frame = [UInt8](repeating: 0, count: 14 + 20 + 8)
        edit(&frame) { bytes in
            EthernetHeader.write(
                destination: MACAddress(2, 0, 0, 0, 0, 1), source: MACAddress(2, 0, 0, 0, 0, 2), etherType: .ipv4,
                into: &bytes)
            IPv4Header.write(
                source: IPv4Address("192.0.2.2")!, destination: IPv4Address("192.0.2.1")!, protocol: .icmp,
                payloadLength: 8, into: &bytes, at: 14)
        }
        frame[34] = ICMPv4Header.echoRequest
        put16(&frame, 36, ~UInt16(ICMPv4Header.echoRequest) << 8 | 0xFF)
        try edit(&frame) { bytes in
            let layers = try FrameLayers(parsing: bytes.bytes)
            let request = try #require(layers.icmpv4)
            check(request.isChecksumValid(in: bytes.bytes), "the request's checksum")
            request.answerEcho(in: &bytes, ethernet: layers.ethernet, ipv4: try #require(layers.ipv4))
        }
        let reply = try layers(frame)
        #expect(reply.icmpv4?.type == ICMPv4Header.echoReply && reply.icmpv4?.checksum == 0xFFFF)
        check(reply.icmpv4!.isChecksumValid(in: frame.span.bytes), "the reply's checksum")
        check(reply.ipv4!.isChecksumValid(in: frame.span.bytes), "the IPv4 checksum")
    }
}

private func be16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) << 8 | UInt16(b[i + 1]) }
private func put16(_ b: inout [UInt8], _ i: Int, _ v: UInt16) {
    b[i] = UInt8(v >> 8)
    b[i + 1] = UInt8(v & 0xFF)
}

/// The checksum a recomputation stores for `b[range]`, whose checksum field is at `field`.
private func recomputed(_ b: [UInt8], _ range: Range<Int>, field: Int) -> UInt16 {
    var copy = Array(b[range])
    put16(&copy, field - range.lowerBound, 0)
    return InternetChecksum.of(copy.span.bytes)
}

/// Sets the word at `free` so that the data of `b[range]` sums to 0xFFFF (its checksum is
/// then 0x0000): the word becomes the one's complement of the sum without it.
private func forceZeroChecksum(_ b: inout [UInt8], _ range: Range<Int>, field: Int, free: Int) {
    put16(&b, free, 0)
    put16(&b, free, recomputed(b, range, field: field))
}

/// Runs `body` on the bytes of `frame`, in place.
private func edit(_ frame: inout [UInt8], _ body: (inout MutableRawSpan) throws -> Void) rethrows {
    var span = frame.mutableSpan
    var bytes = span.mutableBytes
    try body(&bytes)
    _ = consume bytes
    _ = consume span
}
