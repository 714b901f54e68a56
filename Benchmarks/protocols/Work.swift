import CNE

// The two pieces of per-packet work, each written twice: with CNEProtocols, and by hand on raw
// offsets (what a network function without the toolkit writes). Both check the same things
// (up to two VLAN tags, IPv4 options, every length) and produce the same bytes; main.swift
// checks that before it measures. The `Untagged` hand versions do less (no tags, options not
// walked): the baseline before that was made equal, kept beside it for comparison.
//
// The toolkit helpers are @inline(always) (SE-0496): under @inline(__always) Swift 6.3's SIL
// inliner keeps a callee above its size limit out of line, and the parses' throwing paths put
// the echo answer past it; the hand helpers inline either way.

/// The address the echo answer is for.
let me = IPv4Address(192, 0, 2, 2)

enum Toolkit {
    /// Parses Ethernet, IPv4 and UDP (every length checked); folds addresses and ports into
    /// `sink` so that nothing is optimized away. False when the frame is not IPv4/UDP.
    @inline(always)
    static func parse(_ bytes: RawSpan, _ sink: inout UInt64) -> Bool {
        guard let ethernet = try? EthernetHeader(parsing: bytes), ethernet.etherType == .ipv4,
            let ip = try? IPv4Header(parsing: bytes, at: ethernet.payloadOffset), ip.protocol == .udp,
            let udp = try? UDPHeader(parsing: bytes, at: ip.payloadOffset, end: ip.end)
        else { return false }
        sink &+= UInt64(ip.source.value) &+ UInt64(udp.destinationPort) &+ UInt64(udp.payloadLength)
        return true
    }

    /// Answers an ICMP echo request to `me` in place; false (unchanged) for anything else.
    @inline(always)
    static func answer(_ bytes: inout MutableRawSpan) -> Bool {
        guard let ethernet = try? EthernetHeader(parsing: bytes.bytes), ethernet.etherType == .ipv4,
            let ip = try? IPv4Header(parsing: bytes.bytes, at: ethernet.payloadOffset), ip.protocol == .icmp,
            ip.destination == me,
            let icmp = try? ICMPv4Header(parsing: bytes.bytes, at: ip.payloadOffset, end: ip.end),
            icmp.type == ICMPv4Header.echoRequest, icmp.code == 0
        else { return false }
        icmp.answerEcho(in: &bytes, ethernet: ethernet, ipv4: ip)
        return true
    }
}

/// The same work as a C-minded engineer writes it: wrapping arithmetic on offsets (each is
/// bounded by the frame's length, so nothing can overflow and no overflow check is paid),
/// EtherTypes compared and checksums updated in wire byte order, the tag walk behind the
/// toolkit's one-byte test.
enum Hand {
    @inline(__always) static func be16(_ p: UnsafeMutableRawPointer, _ o: Int) -> UInt16 {
        UInt16(bigEndian: p.loadUnaligned(fromByteOffset: o, as: UInt16.self))
    }
    @inline(__always) static func be32(_ p: UnsafeMutableRawPointer, _ o: Int) -> UInt32 {
        UInt32(bigEndian: p.loadUnaligned(fromByteOffset: o, as: UInt32.self))
    }
    /// The 16 bits at `o` as they are on the wire (not swapped).
    @inline(__always) static func raw16(_ p: UnsafeMutableRawPointer, _ o: Int) -> UInt16 {
        p.loadUnaligned(fromByteOffset: o, as: UInt16.self)
    }
    @inline(__always) static func putRaw16(_ p: UnsafeMutableRawPointer, _ o: Int, _ v: UInt16) {
        p.storeBytes(of: v, toByteOffset: o, as: UInt16.self)
    }
    /// RFC 1624 eqn. 3 by hand.
    @inline(__always) static func update(_ sum: UInt16, _ old: UInt16, _ new: UInt16) -> UInt16 {
        var s = UInt32(~sum) &+ UInt32(~old) &+ UInt32(new)
        s = (s & 0xFFFF) &+ (s >> 16)
        s = (s & 0xFFFF) &+ (s >> 16)
        return ~UInt16(truncatingIfNeeded: s)
    }

    /// IPv4's EtherType as it is on the wire (C's `htons(ETH_P_IP)`), to compare a loaded type
    /// without swapping it.
    @inline(__always) static var ipv4Wire: UInt16 { UInt16(0x0800).bigEndian }

    /// Where the Ethernet payload starts, past up to two 802.1Q/802.1ad tags, and its EtherType
    /// in wire byte order; nil for a runt or a third tag: what the toolkit's Ethernet parse checks.
    @inline(__always)
    static func ethernet(_ p: UnsafeMutableRawPointer, _ n: Int) -> (Int, UInt16)? {
        guard n >= 14 else { return nil }
        let type = p.loadUnaligned(fromByteOffset: 12, as: UInt16.self)
        // Every tag type's first byte (0x8100, 0x88A8, 0x9100) is 0x81 or more and IPv4's and
        // ARP's are below: for the common frames the tag test is one byte comparison, as in the toolkit.
        if _slowPath(p.load(fromByteOffset: 12, as: UInt8.self) >= 0x81) { return tagged(p, n) }
        return (14, type)
    }

    /// ``ethernet(_:_:)`` when the first type may be a tag: the walk, out of line as the toolkit's is.
    @inline(never)
    static func tagged(_ p: UnsafeMutableRawPointer, _ n: Int) -> (Int, UInt16)? {
        var o = 12
        var type = be16(p, o)
        var tags = 0
        while type == 0x8100 || type == 0x88A8 || type == 0x9100 {
            tags &+= 1
            guard tags <= 2, n >= o &+ 6 else { return nil }
            o &+= 4
            type = be16(p, o)
        }
        return (o &+ 2, type.bigEndian)
    }

    /// True when the IPv4 options between `a` and `b` neither loop nor overrun: what the
    /// toolkit's IPv4 parse checks (as HandResponder does).
    @inline(__always)
    static func optionsValid(_ p: UnsafeMutableRawPointer, _ a: Int, _ b: Int) -> Bool {
        var o = a
        while o < b {
            let kind = p.load(fromByteOffset: o, as: UInt8.self)
            if kind == 0 { break }
            if kind == 1 { o &+= 1; continue }
            guard o &+ 1 < b else { return false }
            let len = Int(p.load(fromByteOffset: o &+ 1, as: UInt8.self))
            guard len >= 2, len <= b &- o else { return false }
            o &+= len
        }
        return true
    }

    /// The same checks as ``Toolkit/parse(_:_:)`` on raw offsets: VLAN tags, IPv4 options.
    @inline(__always)
    static func parse(_ p: UnsafeMutableRawPointer, _ n: Int, _ sink: inout UInt64) -> Bool {
        guard let (h, type) = ethernet(p, n), type == ipv4Wire, n >= h &+ 20 else { return false }
        let vihl = p.load(fromByteOffset: h, as: UInt8.self)
        guard vihl >> 4 == 4, vihl & 0xF >= 5 else { return false }
        let ihl = Int(vihl & 0xF) &<< 2
        // The header's first 20 bytes are in the frame; ihl <= total <= n - h puts the rest in.
        let total = Int(be16(p, h &+ 2))
        guard total >= ihl, total <= n &- h, p.load(fromByteOffset: h &+ 9, as: UInt8.self) == 17,
            ihl == 20 || optionsValid(p, h &+ 20, h &+ ihl)
        else { return false }
        let u = h &+ ihl
        guard total &- ihl >= 8 else { return false }
        let ulen = Int(be16(p, u &+ 4))
        guard ulen >= 8, ulen <= total &- ihl else { return false }
        sink &+= UInt64(be32(p, h &+ 12)) &+ UInt64(be16(p, u &+ 2)) &+ UInt64(ulen &- 8)
        return true
    }

    /// The same checks and answer as ``Toolkit/answer(_:)`` on raw offsets.
    @inline(__always)
    static func answer(_ p: UnsafeMutableRawPointer, _ n: Int) -> Bool {
        guard let (h, type) = ethernet(p, n), type == ipv4Wire, n >= h &+ 20 else { return false }
        let vihl = p.load(fromByteOffset: h, as: UInt8.self)
        guard vihl >> 4 == 4, vihl & 0xF >= 5 else { return false }
        let ihl = Int(vihl & 0xF) &<< 2
        // The header's first 20 bytes are in the frame; ihl <= total <= n - h puts the rest in.
        let total = Int(be16(p, h &+ 2))
        guard total >= ihl, total <= n &- h, p.load(fromByteOffset: h &+ 9, as: UInt8.self) == 1,
            ihl == 20 || optionsValid(p, h &+ 20, h &+ ihl), be32(p, h &+ 16) == me.value, total &- ihl >= 8
        else { return false }
        let i = h &+ ihl
        guard be16(p, i) == 0x0800 else { return false }  // echo request, code 0
        reply(p, ip: h, icmp: i, end: h &+ total)
        return true
    }

    /// Less work than ``Toolkit/parse(_:_:)``, for comparison: untagged frames only (a tagged
    /// one is rejected) and IPv4 options not walked (a looping one is accepted).
    @inline(__always)
    static func parseUntagged(_ p: UnsafeMutableRawPointer, _ n: Int, _ sink: inout UInt64) -> Bool {
        guard n >= 34, be16(p, 12) == 0x0800 else { return false }
        let vihl = p.load(fromByteOffset: 14, as: UInt8.self)
        let ihl = Int(vihl & 0xF) * 4
        guard vihl >> 4 == 4, ihl >= 20, n &- 14 >= ihl else { return false }
        let total = Int(be16(p, 16))
        guard total >= ihl, total <= n &- 14, p.load(fromByteOffset: 23, as: UInt8.self) == 17 else { return false }
        let u = 14 &+ ihl
        guard total &- ihl >= 8 else { return false }
        let ulen = Int(be16(p, u &+ 4))
        guard ulen >= 8, ulen <= total &- ihl else { return false }
        sink &+= UInt64(be32(p, 26)) &+ UInt64(be16(p, u &+ 2)) &+ UInt64(ulen &- 8)
        return true
    }

    /// ``answer(_:_:)`` with the same shortcuts as ``parseUntagged(_:_:_:)``.
    @inline(__always)
    static func answerUntagged(_ p: UnsafeMutableRawPointer, _ n: Int) -> Bool {
        guard n >= 34, be16(p, 12) == 0x0800 else { return false }
        let vihl = p.load(fromByteOffset: 14, as: UInt8.self)
        let ihl = Int(vihl & 0xF) * 4
        guard vihl >> 4 == 4, ihl >= 20, n &- 14 >= ihl else { return false }
        let total = Int(be16(p, 16))
        guard total >= ihl, total <= n &- 14, p.load(fromByteOffset: 23, as: UInt8.self) == 1,
            be32(p, 30) == me.value, total &- ihl >= 8
        else { return false }
        let i = 14 &+ ihl
        guard be16(p, i) == 0x0800 else { return false }  // echo request, code 0
        reply(p, ip: 14, icmp: i, end: 14 &+ total)
        return true
    }

    /// The rewrite both hand-written answers end with, for the IPv4 header at `h` and the echo
    /// request from `i` to `end`: MACs and IPv4 addresses swapped, TTL 64, type echo reply,
    /// both checksums updated. A reply of all zeros gets 0xFFFF, as the toolkit stores (the
    /// update gives 0 there), so that both produce the same bytes for every request.
    @inline(__always)
    static func reply(_ p: UnsafeMutableRawPointer, ip h: Int, icmp i: Int, end: Int) {
        let d0 = p.loadUnaligned(as: UInt32.self), d1 = p.loadUnaligned(fromByteOffset: 4, as: UInt16.self)
        let s0 = p.loadUnaligned(fromByteOffset: 6, as: UInt32.self), s1 = p.loadUnaligned(fromByteOffset: 10, as: UInt16.self)
        p.storeBytes(of: s0, as: UInt32.self)
        p.storeBytes(of: s1, toByteOffset: 4, as: UInt16.self)
        p.storeBytes(of: d0, toByteOffset: 6, as: UInt32.self)
        p.storeBytes(of: d1, toByteOffset: 10, as: UInt16.self)
        let src = p.loadUnaligned(fromByteOffset: h &+ 12, as: UInt32.self)
        let dst = p.loadUnaligned(fromByteOffset: h &+ 16, as: UInt32.self)
        p.storeBytes(of: dst, toByteOffset: h &+ 12, as: UInt32.self)
        p.storeBytes(of: src, toByteOffset: h &+ 16, as: UInt32.self)
        // The updates in wire byte order, as Linux's csum_replace2 does: the one's complement
        // sum does not depend on byte order (RFC 1071 2.B), so no field is swapped.
        let oldTTL = raw16(p, h &+ 8)
        let newTTL = oldTTL & UInt16(0x00FF).bigEndian | UInt16(64 << 8).bigEndian
        putRaw16(p, h &+ 8, newTTL)
        putRaw16(p, h &+ 10, update(raw16(p, h &+ 10), oldTTL, newTTL))
        putRaw16(p, i, 0)
        let sum = update(raw16(p, i &+ 2), UInt16(0x0800).bigEndian, 0)
        putRaw16(p, i &+ 2, sum)
        if sum == 0 && UnsafeRawBufferPointer(start: p + i, count: end &- i).allSatisfy({ $0 == 0 }) { putRaw16(p, i &+ 2, 0xFFFF) }
    }
}
