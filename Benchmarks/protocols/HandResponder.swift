// cne-responder's Responder.answer written by hand on raw offsets, without CNEProtocols: the
// comparison for the README's line count. main.swift checks that its echo answer is byte for
// byte the toolkit's (make test-responder covers the toolkit side against real clients). Verdicts: 0 drop, else the
// frame's new length (negative: grow to that length and answer again).
#if canImport(Glibc)
import Glibc
#endif

enum HandResponder {
    static func be16(_ p: UnsafeMutableRawPointer, _ o: Int) -> UInt16 {
        UInt16(bigEndian: p.loadUnaligned(fromByteOffset: o, as: UInt16.self))
    }
    static func be32(_ p: UnsafeMutableRawPointer, _ o: Int) -> UInt32 {
        UInt32(bigEndian: p.loadUnaligned(fromByteOffset: o, as: UInt32.self))
    }
    static func put16(_ p: UnsafeMutableRawPointer, _ o: Int, _ v: UInt16) {
        p.storeBytes(of: v.bigEndian, toByteOffset: o, as: UInt16.self)
    }
    static func put32(_ p: UnsafeMutableRawPointer, _ o: Int, _ v: UInt32) {
        p.storeBytes(of: v.bigEndian, toByteOffset: o, as: UInt32.self)
    }
    static func copy(_ p: UnsafeMutableRawPointer, from: Int, to: Int, _ n: Int) {
        (p + to).copyMemory(from: p + from, byteCount: n)
    }
    /// The one's complement sum of bytes a..<b plus `start`, folded.
    static func sum(_ p: UnsafeMutableRawPointer, _ a: Int, _ b: Int, _ start: UInt32 = 0) -> UInt16 {
        var s = start
        var i = a
        while i + 1 < b { s += UInt32(be16(p, i)); i += 2 }
        if i < b { s += UInt32(p.load(fromByteOffset: i, as: UInt8.self)) << 8 }
        while s > 0xFFFF { s = (s & 0xFFFF) + (s >> 16) }
        return UInt16(s)
    }
    static func update(_ sum: UInt16, _ old: UInt16, _ new: UInt16) -> UInt16 {
        var s = UInt32(~sum) + UInt32(~old) + UInt32(new)
        s = (s & 0xFFFF) + (s >> 16)
        s = (s & 0xFFFF) + (s >> 16)
        return ~UInt16(truncatingIfNeeded: s)
    }
    static func swapMACs(_ p: UnsafeMutableRawPointer) {
        var t = (UInt64(0), UInt64(0))
        withUnsafeMutableBytes(of: &t) { $0.baseAddress!.copyMemory(from: p, byteCount: 6) }
        copy(p, from: 6, to: 0, 6)
        withUnsafeBytes(of: &t) { (p + 6).copyMemory(from: $0.baseAddress!, byteCount: 6) }
    }
    static func pseudo6(_ p: UnsafeMutableRawPointer, _ length: Int) -> UInt32 {
        UInt32(sum(p, 22, 54)) + UInt32(length) + 58
    }

    /// Answers ARP and ICMP echo for `v4`, NS and ICMPv6 echo for `v6` (16 bytes), as `mac`.
    static func answer(_ p: UnsafeMutableRawPointer, _ n: Int, v4: UInt32, v6: [UInt8], mac: [UInt8]) -> Int {
        guard n >= 14 else { return 0 }
        switch be16(p, 12) {
        case 0x0806:
            guard n >= 42, be32(p, 14) == 0x0001_0800, be16(p, 18) == 0x0604 else { return 0 }
            guard be16(p, 20) == 1, be32(p, 38) == v4 else { return 0 }
            copy(p, from: 6, to: 0, 6)
            mac.withUnsafeBytes { (p + 6).copyMemory(from: $0.baseAddress!, byteCount: 6) }
            put16(p, 20, 2)
            copy(p, from: 22, to: 32, 10)  // the asker becomes the target
            mac.withUnsafeBytes { (p + 22).copyMemory(from: $0.baseAddress!, byteCount: 6) }
            put32(p, 28, v4)
            return n
        case 0x0800:
            guard n >= 34, p.load(fromByteOffset: 14, as: UInt8.self) >> 4 == 4 else { return 0 }
            let ihl = Int(p.load(fromByteOffset: 14, as: UInt8.self) & 0xF) * 4
            let total = Int(be16(p, 16))
            guard ihl >= 20, n >= 14 + ihl, total >= ihl, total <= n - 14 else { return 0 }
            var o = 34  // options must not loop or overrun
            while o < 14 + ihl {
                let kind = p.load(fromByteOffset: o, as: UInt8.self)
                if kind == 0 { break }
                if kind == 1 { o += 1; continue }
                guard o + 1 < 14 + ihl else { return 0 }
                let len = Int(p.load(fromByteOffset: o + 1, as: UInt8.self))
                guard len >= 2, len <= 14 + ihl - o else { return 0 }
                o += len
            }
            let i = 14 + ihl
            guard p.load(fromByteOffset: 23, as: UInt8.self) == 1, be16(p, 20) & 0x3FFF == 0, total - ihl >= 8,
                be16(p, i) == 0x0800, be32(p, 30) == v4, sum(p, 14, i) == 0xFFFF, sum(p, i, 14 + total) == 0xFFFF
            else { return 0 }
            swapMACs(p)
            let src = be32(p, 26)
            put32(p, 26, be32(p, 30))
            put32(p, 30, src)
            let oldTTL = be16(p, 22), newTTL = 64 << 8 | oldTTL & 0xFF
            put16(p, 22, newTTL)
            put16(p, 24, update(be16(p, 24), oldTTL, newTTL))
            put16(p, i, 0)
            put16(p, i + 2, update(be16(p, i + 2), 0x0800, 0))
            return n
        case 0x86DD:
            guard n >= 54, p.load(fromByteOffset: 14, as: UInt8.self) >> 4 == 6, p.load(fromByteOffset: 20, as: UInt8.self) == 58
            else { return 0 }  // (extension headers are not walked here)
            let length = Int(be16(p, 18))
            guard length >= 8, length <= n - 54 else { return 0 }
            guard ~sum(p, 54, 54 + length, pseudo6(p, length)) == 0 else { return 0 }
            let mine = v6.withUnsafeBytes { memcmp(p + 38, $0.baseAddress!, 16) == 0 }
            if p.load(fromByteOffset: 54, as: UInt8.self) == 128 && p.load(fromByteOffset: 55, as: UInt8.self) == 0 && mine {
                swapMACs(p)
                var t = [UInt8](repeating: 0, count: 16)
                t.withUnsafeMutableBytes { $0.baseAddress!.copyMemory(from: p + 22, byteCount: 16) }
                copy(p, from: 38, to: 22, 16)
                t.withUnsafeBytes { (p + 38).copyMemory(from: $0.baseAddress!, byteCount: 16) }
                p.storeBytes(of: 64, toByteOffset: 21, as: UInt8.self)
                put16(p, 54, 129 << 8)
                put16(p, 56, update(be16(p, 56), 128 << 8, 129 << 8))
                return n
            }
            guard be16(p, 54) == 135 << 8, p.load(fromByteOffset: 21, as: UInt8.self) == 255, length >= 24 else { return 0 }
            guard v6.withUnsafeBytes({ memcmp(p + 62, $0.baseAddress!, 16) == 0 }) else { return 0 }
            var o = 78  // options: none of length 0 (a loop), none past the end
            while o < 54 + length {
                guard 54 + length - o >= 2 else { return 0 }
                let len = Int(p.load(fromByteOffset: o + 1, as: UInt8.self)) * 8
                guard len > 0, len <= 54 + length - o else { return 0 }
                o += len
            }
            guard n >= 86 else { return -86 }  // grow to 86 and answer again
            let fromUnspecified = (22..<38).allSatisfy { p.load(fromByteOffset: $0, as: UInt8.self) == 0 }
            if fromUnspecified {
                let allNodes: [UInt8] = [0xFF, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]
                allNodes.withUnsafeBytes { (p + 38).copyMemory(from: $0.baseAddress!, byteCount: 16) }
                [UInt8]([0x33, 0x33, 0, 0, 0, 1]).withUnsafeBytes { p.copyMemory(from: $0.baseAddress!, byteCount: 6) }
            } else {
                copy(p, from: 22, to: 38, 16)
                copy(p, from: 6, to: 0, 6)
            }
            mac.withUnsafeBytes { (p + 6).copyMemory(from: $0.baseAddress!, byteCount: 6) }
            put32(p, 14, 0x6000_0000)
            put16(p, 18, 32)
            p.storeBytes(of: 58, toByteOffset: 20, as: UInt8.self)
            p.storeBytes(of: 255, toByteOffset: 21, as: UInt8.self)
            copy(p, from: 62, to: 22, 16)
            put32(p, 54, 136 << 24)
            put32(p, 58, fromUnspecified ? 0x2000_0000 : 0x6000_0000)
            put16(p, 78, 0x0201)
            mac.withUnsafeBytes { (p + 80).copyMemory(from: $0.baseAddress!, byteCount: 6) }
            put16(p, 56, ~sum(p, 54, 86, pseudo6(p, 32)))
            return 86
        default:
            return 0
        }
    }
}
