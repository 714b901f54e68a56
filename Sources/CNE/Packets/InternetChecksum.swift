/// The Internet checksum (RFC 1071), as IPv4 headers, UDP, TCP and ICMP use it: the one's
/// complement of the one's complement sum of the data's 16-bit big-endian words.
///
/// Add the covered bytes in order, in as many pieces as is convenient (a piece may end on an
/// odd byte: the next piece continues the word), and the pseudo-header's numeric fields with
/// ``add(_:)``; then read ``value``. For example, a UDP-over-IPv4 checksum:
///
/// ```swift
/// var sum = InternetChecksum()
/// try sum.add(bytesOf: packet, in: 26..<34)    // source and destination addresses
/// sum.add(17)                                  // protocol
/// sum.add(UInt16(udpLength))
/// try sum.add(bytesOf: packet, in: 34..<34 + udpLength)  // header (checksum 0) and payload
/// try packet.storeBigEndian(sum.value == 0 ? 0xFFFF : sum.value, at: 40)
/// ```
///
/// To verify a header that carries its checksum, sum all of it: ``value`` is 0 when it is right.
@frozen
public struct InternetChecksum: Sendable {
    /// The running sum, kept below 2^33 between calls; folded to 16 bits by ``value``.
    @usableFromInline var sum: UInt64
    /// True after an odd number of bytes: the next byte is the low byte of a word.
    @usableFromInline var odd: Bool

    /// An empty sum.
    @inlinable public init() {
        sum = 0
        odd = false
    }

    /// The checksum of everything added, in host order (store it big-endian, e.g. with
    /// ``Packet/storeBigEndian(_:at:)``).
    @inlinable public var value: UInt16 {
        var s = sum
        while s > 0xFFFF { s = (s & 0xFFFF) + (s >> 16) }
        return ~UInt16(truncatingIfNeeded: s)
    }

    /// Adds a 16-bit number, as a pseudo-header's protocol and length are added. It does not
    /// take part in the byte sequence: a pending odd byte stays pending.
    @inlinable public mutating func add(_ word: UInt16) {
        sum = Self.fold(sum + UInt64(word))
    }

    /// Adds bytes, in order, continuing the byte sequence.
    @inlinable public mutating func add(bytes: some Sequence<UInt8>) {
        let contiguous: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            add(raw: UnsafeRawBufferPointer(buffer))
        }
        if contiguous != nil { return }
        var s = sum
        var low = odd
        for byte in bytes {
            s += low ? UInt64(byte) : UInt64(byte) << 8
            low.toggle()
            if s >= 1 << 62 { s = Self.fold(s) }
        }
        sum = Self.fold(Self.fold(s))
        odd = low
    }

    /// Adds the bytes of a span, in order, continuing the byte sequence.
    @inlinable public mutating func add(_ bytes: RawSpan) {
        bytes.withUnsafeBytes { add(raw: $0) }
    }

    /// Adds bytes `range` of `packet`'s data, continuing the byte sequence.
    ///
    /// - Throws: ``CNEError/Code/invalidArgument`` when the range is not inside the data;
    ///   nothing is added.
    @inlinable public mutating func add(bytesOf packet: borrowing Packet, in range: Range<Int>) throws(CNEError) {
        // Bounds first: range.count of a huge range would overflow.
        guard range.lowerBound >= 0, range.upperBound <= packet.length else {
            throw .bounds("internetChecksum", range.upperBound, limit: packet.length)
        }
        try packet.checkBytes(at: range.lowerBound, count: range.count, "internetChecksum")
        add(raw: UnsafeRawBufferPointer(start: packet.dataPointer + range.lowerBound, count: range.count))
    }

    /// Folds a sum to at most 33 bits without changing its one's complement value.
    @inlinable static func fold(_ s: UInt64) -> UInt64 {
        (s & 0xFFFF_FFFF) + (s >> 32)
    }

    /// The core: 8 bytes at a time as two 32-bit big-endian words (2^16 = 1 in one's
    /// complement arithmetic, so 32-bit words fold to the same 16-bit sum).
    @inlinable mutating func add(raw: UnsafeRawBufferPointer) {
        let n = raw.count
        guard n > 0 else { return }
        var s = sum
        var i = 0
        if odd {
            s += UInt64(raw[0])
            i = 1
        }
        while n - i >= 8 {
            // At most 2^33 per step: fold well before 64 bits.
            let chunkEnd = i + Swift.min((n - i) & ~7, 1 << 30)
            while i < chunkEnd {
                let v = UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                s += (v >> 32) + (v & 0xFFFF_FFFF)
                i += 8
            }
            s = Self.fold(Self.fold(s))
        }
        while n - i >= 2 {
            s += UInt64(raw[i]) << 8 | UInt64(raw[i + 1])
            i += 2
        }
        if i < n {
            s += UInt64(raw[i]) << 8
            odd = true
        } else {
            odd = false
        }
        sum = Self.fold(Self.fold(s))
    }
}

extension Packet {
    /// The Internet checksum (RFC 1071) of bytes `range` of the data, in host order: what an
    /// IPv4 header stores in its checksum field (computed with the field zero), or 0 when
    /// checking a header that carries a correct one. For a pseudo-header, use
    /// ``InternetChecksum`` and ``InternetChecksum/add(bytesOf:in:)``.
    ///
    /// - Throws: ``CNEError/Code/invalidArgument`` when the range is not inside the data.
    @inlinable public func internetChecksum(in range: Range<Int>) throws(CNEError) -> UInt16 {
        var sum = InternetChecksum()
        try sum.add(bytesOf: self, in: range)
        return sum.value
    }
}
