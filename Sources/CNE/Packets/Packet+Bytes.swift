/// Bounds-checked reads and writes at byte offsets of the data, in network byte order: what
/// building or editing a header needs without a pointer. Every offset counts from the start of
/// the data (offset 0 is the first byte of ``Packet/withBytes(_:)``'s span), and every access
/// must lie inside ``Packet/length``: grow the data first with ``Packet/append(_:)`` or
/// ``Packet/setLength(_:)``.
extension Packet {
    /// Checks that `count` bytes at `offset` lie inside the data.
    @inlinable func checkBytes(at offset: Int, count: Int, _ operation: String) throws(CNEError) {
        // `length - offset` cannot overflow: both are non-negative here.
        guard offset >= 0, count >= 0, count <= length - offset else {
            throw .outside(operation, offset: offset, count: count, length: length)
        }
    }

    /// Copies `bytes` into the data, starting at byte `offset`, over what is there.
    ///
    /// Does not change ``length``: to add bytes at the end, use ``append(contentsOf:)``.
    ///
    /// - Throws: ``CNEError/Code/invalidArgument`` when the bytes would not lie inside the
    ///   data; the packet is unchanged.
    @inlinable
    public mutating func write(_ bytes: some Collection<UInt8>, at offset: Int) throws(CNEError) {
        let count = bytes.count
        try checkBytes(at: offset, count: count, "write")
        let base = dataPointer + offset
        let copied: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            if let source = buffer.baseAddress {
                base.copyMemory(from: source, byteCount: Swift.min(buffer.count, count))
            }
        }
        if copied != nil { return }
        var index = 0
        for byte in bytes {
            guard index < count else { break }  // a collection that yields more than its count
            base.storeBytes(of: byte, toByteOffset: index, as: UInt8.self)
            index += 1
        }
    }

    /// Copies the bytes of `bytes` into the data, starting at byte `offset`, over what is
    /// there: e.g. another packet's, from its ``withBytes(_:)``.
    ///
    /// - Throws: ``CNEError/Code/invalidArgument`` when the bytes would not lie inside the
    ///   data; the packet is unchanged.
    @inlinable
    public mutating func write(_ bytes: RawSpan, at offset: Int) throws(CNEError) {
        try checkBytes(at: offset, count: bytes.byteCount, "write")
        let base = dataPointer + offset
        bytes.withUnsafeBytes { buffer in
            if let source = buffer.baseAddress {
                base.copyMemory(from: source, byteCount: buffer.count)
            }
        }
    }

    /// Reads the integer stored big-endian (network byte order) at byte `offset`, e.g.
    /// `packet.loadBigEndian(UInt16.self, at: 12)` for the EtherType.
    ///
    /// - Throws: ``CNEError/Code/invalidArgument`` when its bytes do not lie inside the data.
    @inlinable
    public func loadBigEndian<T: FixedWidthInteger & BitwiseCopyable>(
        _ type: T.Type = T.self, at offset: Int
    ) throws(CNEError) -> T {
        try checkBytes(at: offset, count: MemoryLayout<T>.size, "loadBigEndian")
        return T(bigEndian: dataPointer.loadUnaligned(fromByteOffset: offset, as: T.self))
    }

    /// Stores `value` big-endian (network byte order) at byte `offset`, e.g.
    /// `packet.storeBigEndian(UInt16(0x0800), at: 12)`.
    ///
    /// - Throws: ``CNEError/Code/invalidArgument`` when its bytes do not lie inside the data;
    ///   the packet is unchanged.
    @inlinable
    public mutating func storeBigEndian<T: FixedWidthInteger & BitwiseCopyable>(
        _ value: T, at offset: Int
    ) throws(CNEError) {
        try checkBytes(at: offset, count: MemoryLayout<T>.size, "storeBigEndian")
        dataPointer.storeBytes(of: value.bigEndian, toByteOffset: offset, as: T.self)
    }
}

extension CNEError {
    @usableFromInline
    static func outside(_ operation: String, offset: Int, count: Int, length: Int) -> CNEError {
        CNEError(
            .runtime(.invalidArgument), context: operation,
            message: "\(count) bytes at offset \(offset) are not inside the packet's \(length) bytes")
    }
}
