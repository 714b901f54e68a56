// Unchecked big-endian loads and stores at byte offsets: what every view uses once its parser
// has checked that the header lies inside the bytes. Internal: users get checked ones.

extension RawSpan {
    @inlinable @inline(__always)
    func u8(_ offset: Int) -> UInt8 {
        unsafeLoad(fromUncheckedByteOffset: offset, as: UInt8.self)
    }

    @inlinable @inline(__always)
    func be16(_ offset: Int) -> UInt16 {
        UInt16(bigEndian: unsafeLoadUnaligned(fromUncheckedByteOffset: offset, as: UInt16.self))
    }

    @inlinable @inline(__always)
    func be32(_ offset: Int) -> UInt32 {
        UInt32(bigEndian: unsafeLoadUnaligned(fromUncheckedByteOffset: offset, as: UInt32.self))
    }

    @inlinable @inline(__always)
    func be64(_ offset: Int) -> UInt64 {
        UInt64(bigEndian: unsafeLoadUnaligned(fromUncheckedByteOffset: offset, as: UInt64.self))
    }

    /// True when `count` bytes at `offset` lie inside the span (no overflow for any input).
    @inlinable @inline(__always)
    func has(_ count: Int, at offset: Int) -> Bool {
        offset >= 0 && count >= 0 && offset <= byteCount && count <= byteCount &- offset
    }
}

extension MutableRawSpan {
    // Stores are bounds-checked by the span: a view applied to other, shorter bytes than it
    // parsed traps instead of writing out of bounds. Loads through `bytes` are not.

    @inlinable @inline(__always)
    mutating func put8(_ value: UInt8, _ offset: Int) {
        storeBytes(of: value, toByteOffset: offset, as: UInt8.self)
    }

    @inlinable @inline(__always)
    mutating func put16(_ value: UInt16, _ offset: Int) {
        storeBytes(of: value.bigEndian, toByteOffset: offset, as: UInt16.self)
    }

    @inlinable @inline(__always)
    mutating func put32(_ value: UInt32, _ offset: Int) {
        storeBytes(of: value.bigEndian, toByteOffset: offset, as: UInt32.self)
    }

    @inlinable @inline(__always)
    mutating func put64(_ value: UInt64, _ offset: Int) {
        storeBytes(of: value.bigEndian, toByteOffset: offset, as: UInt64.self)
    }

    @inlinable @inline(__always)
    func get16(_ offset: Int) -> UInt16 {
        UInt16(bigEndian: unsafeLoadUnaligned(fromByteOffset: offset, as: UInt16.self))
    }

    @inlinable @inline(__always)
    func get32(_ offset: Int) -> UInt32 {
        UInt32(bigEndian: unsafeLoadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    /// Lends the base address to `body` after one check that the bytes before `end` are all
    /// inside the span: how a view (whose offsets its parse made non-negative) writes several
    /// fields with one check instead of one per store. Traps when `end` is past the span: a
    /// view applied to other, shorter bytes than it parsed (the program's error, not the wire's).
    @inlinable @inline(__always)
    mutating func withUnchecked<R>(through end: Int, _ body: (UnsafeMutableRawPointer) -> R) -> R {
        precondition(end <= byteCount, "a header view applied to bytes shorter than it parsed")
        return withUnsafeMutableBytes { body($0.baseAddress.unsafelyUnwrapped) }
    }

    /// Copies `count` bytes from `source` to `destination` (ranges may overlap), bounds-checked.
    @inlinable
    mutating func move(from source: Int, to destination: Int, count: Int) {
        precondition(
            source >= 0 && destination >= 0 && count >= 0 && source <= byteCount - count
                && destination <= byteCount - count, "move out of range")
        withUnsafeMutableBytes { buffer in
            let base = buffer.baseAddress.unsafelyUnwrapped
            (base + destination).copyMemory(from: base + source, byteCount: count)
        }
    }
}
