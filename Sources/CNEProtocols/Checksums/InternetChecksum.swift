/// The Internet checksum (RFC 1071), as IPv4 headers, UDP, TCP and ICMP use it: the one's
/// complement of the one's complement sum of the data's 16-bit big-endian words.
///
/// Add the covered bytes in order, in as many pieces as is convenient (a piece may end on an
/// odd byte: the next piece continues the word), and the pseudo-header's numeric fields with
/// ``add(_:)-(UInt16)``; then read ``value``. ``PseudoHeader`` starts a sum for UDP, TCP and
/// ICMPv6 over IPv4 or IPv6.
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

    /// The checksum of everything added, in host order (store it big-endian).
    @inlinable public var value: UInt16 {
        ~Self.fold16(sum)
    }

    /// The one's complement sum of everything added, not complemented, in host order.
    @inlinable public var partialSum: UInt16 {
        Self.fold16(sum)
    }

    /// Adds a 16-bit number, as a pseudo-header's protocol and length are added. It does not
    /// take part in the byte sequence: a pending odd byte stays pending.
    @inlinable public mutating func add(_ word: UInt16) {
        sum = Self.fold(sum + UInt64(word))
    }

    /// Adds a 32-bit number as two 16-bit words (e.g. an IPv6 pseudo-header's length).
    @inlinable public mutating func add(twoWords word: UInt32) {
        sum = Self.fold(sum + UInt64(word >> 16) + UInt64(word & 0xFFFF))
    }

    /// Adds an IPv4 address as two 16-bit words.
    @inlinable public mutating func add(_ address: IPv4Address) {
        add(twoWords: address.value)
    }

    /// Adds an IPv6 address as eight 16-bit words.
    @inlinable public mutating func add(_ address: IPv6Address) {
        // Each half folds to the same sum as its four words (2^16 = 1 in one's complement).
        sum = Self.fold(sum + (address.high >> 32) + (address.high & 0xFFFF_FFFF))
        sum = Self.fold(sum + (address.low >> 32) + (address.low & 0xFFFF_FFFF))
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

    /// Adds bytes `range` of `bytes`, continuing the byte sequence.
    ///
    /// - Returns: false, adding nothing, when the range is not inside the span.
    @inlinable @discardableResult
    public mutating func add(_ bytes: RawSpan, in range: Range<Int>) -> Bool {
        guard bytes.has(range.count, at: range.lowerBound) else { return false }
        bytes.withUnsafeBytes { buffer in
            add(raw: UnsafeRawBufferPointer(rebasing: buffer[range]))
        }
        return true
    }

    /// The checksum of `bytes`: what an IPv4 header stores (computed with the field zero), or 0
    /// when checking bytes that carry a correct one.
    @inlinable public static func of(_ bytes: RawSpan) -> UInt16 {
        var sum = InternetChecksum()
        sum.add(bytes)
        return sum.value
    }

    /// Folds a sum to at most 33 bits without changing its one's complement value.
    @inlinable static func fold(_ s: UInt64) -> UInt64 {
        (s & 0xFFFF_FFFF) + (s >> 32)
    }

    /// Folds a sum to 16 bits.
    @inlinable static func fold16(_ s: UInt64) -> UInt16 {
        var s = s
        s = (s & 0xFFFF_FFFF) + (s >> 32)
        s = (s & 0xFFFF) + (s >> 16)
        s = (s & 0xFFFF) + (s >> 16)
        s = (s & 0xFFFF) + (s >> 16)
        return UInt16(truncatingIfNeeded: s)
    }

    /// The core: 8 bytes at a time as two 32-bit big-endian words (2^16 = 1 in one's
    /// complement arithmetic, so 32-bit words fold to the same 16-bit sum).
    @inlinable public mutating func add(raw: UnsafeRawBufferPointer) {
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
