public import CNESys

/// One packet buffer, owned: it is sent, freed or kept, exactly once, and the compiler checks it.
///
/// A `Packet` is non-copyable. Dropping one returns its buffer to the pool; giving it to a
/// ``PacketBurst`` and sending the burst hands it to the port. There is no way to reach the
/// buffer after either, so there is no use-after-free and no double free.
///
/// The bytes are reached through ``withBytes(_:)`` and ``withMutableBytes(_:)``, which lend a
/// bounds-checked span of exactly ``length`` bytes for the duration of a closure.
@frozen
public struct Packet: ~Copyable {
    @usableFromInline let mbuf: PktmbufView

    /// Takes ownership of a buffer handed out by the core.
    @inlinable init(owning raw: OpaquePointer) {
        mbuf = PktmbufView(raw)
    }

    deinit {
        BufferRelease.free(mbuf.raw)
    }

    /// Gives up ownership without freeing: the caller now owns the buffer.
    @inlinable consuming func release() -> OpaquePointer {
        let raw = mbuf.raw
        discard self
        return raw
    }

    /// Returns the buffer to its pool now (dropping the packet does the same). Safe on any
    /// thread: an unregistered one is registered for the free (see `BufferRelease`).
    @inlinable public consuming func free() {
        BufferRelease.free(release())
    }

    /// The number of bytes of packet data.
    @inlinable public var length: Int { Int(mbuf.data_len) }

    /// Free bytes in front of the data, for headers to ``prepend(_:)``.
    @inlinable public var headroom: Int { Int(mbuf.data_off) }

    /// Free bytes after the data, for ``append(_:)``.
    @inlinable public var tailroom: Int {
        Int(mbuf.buf_len) - Int(mbuf.data_off) - Int(mbuf.data_len)
    }

    /// The lport the packet was received on, or nil.
    @inlinable public var receivedOnPort: UInt16? {
        let port = mbuf.lport
        return port == UInt16.max ? nil : port
    }

    @inlinable var dataPointer: UnsafeMutableRawPointer {
        mbuf.buf_addr.unsafelyUnwrapped + Int(mbuf.data_off)
    }

    /// Lends the packet's bytes, read-only.
    @inlinable
    public func withBytes<R: ~Copyable, E: Error>(
        _ body: (RawSpan) throws(E) -> R
    ) throws(E) -> R {
        let buffer = UnsafeRawBufferPointer(start: dataPointer, count: length)
        return try body(buffer.bytes)
    }

    /// Lends the packet's bytes for reading and writing.
    @inlinable
    public mutating func withMutableBytes<R: ~Copyable, E: Error>(
        _ body: (inout MutableRawSpan) throws(E) -> R
    ) throws(E) -> R {
        let buffer = UnsafeMutableRawBufferPointer(start: dataPointer, count: length)
        var span = buffer.mutableBytes
        return try body(&span)
    }

    /// Grows the data by `count` bytes at the end (their content is unspecified).
    ///
    /// - Throws: ``CNEError/Code/invalidArgument`` when `count` is negative or exceeds
    ///   ``tailroom``; the packet is unchanged.
    @inlinable public mutating func append(_ count: Int) throws(CNEError) {
        guard count >= 0, count <= tailroom,
            pktmbuf_append(mbuf.raw, UInt16(truncatingIfNeeded: count)) != nil
        else { throw .bounds("append", count, limit: tailroom) }
    }

    /// Appends a copy of `bytes` at the end.
    ///
    /// - Throws: ``CNEError/Code/invalidArgument`` when they do not fit; the packet is unchanged.
    @inlinable public mutating func append(contentsOf bytes: some Collection<UInt8>) throws(CNEError) {
        let offset = length
        try append(bytes.count)
        do throws(CNEError) {
            // write(_:at:) copies at most `count` bytes, whatever the collection yields.
            try write(bytes, at: offset)
        } catch {
            try? trim(bytes.count)
            throw error
        }
    }

    /// Grows the data by `count` bytes at the front (their content is unspecified).
    ///
    /// - Throws: ``CNEError/Code/invalidArgument`` when `count` is negative or exceeds
    ///   ``headroom``; the packet is unchanged.
    @inlinable public mutating func prepend(_ count: Int) throws(CNEError) {
        guard count >= 0, count <= headroom,
            pktmbuf_prepend(mbuf.raw, UInt16(truncatingIfNeeded: count)) != nil
        else { throw .bounds("prepend", count, limit: headroom) }
    }

    /// Drops `count` bytes from the end of the data.
    ///
    /// - Throws: ``CNEError/Code/invalidArgument`` when `count` is negative or exceeds
    ///   ``length``; the packet is unchanged.
    @inlinable public mutating func trim(_ count: Int) throws(CNEError) {
        guard count >= 0, count <= length, pktmbuf_trim(mbuf.raw, UInt16(truncatingIfNeeded: count)) == 0
        else { throw .bounds("trim", count, limit: length) }
    }

    /// Drops `count` bytes from the front of the data (a header that was read).
    ///
    /// - Throws: ``CNEError/Code/invalidArgument`` when `count` is negative or exceeds
    ///   ``length``; the packet is unchanged.
    @inlinable public mutating func removeFirst(_ count: Int) throws(CNEError) {
        guard count >= 0, count <= length else { throw .bounds("removeFirst", count, limit: length) }
        // pktmbuf_adj_offset takes an Int16: larger counts go in steps.
        var left = count
        while left > 0 {
            let step = Swift.min(left, Int(Int16.max))
            _ = pktmbuf_adj_offset(mbuf.raw, Int16(step))
            left -= step
        }
    }

    /// Sets the data length, growing into the tailroom or shrinking.
    ///
    /// - Throws: ``CNEError/Code/invalidArgument`` when `newLength` is negative or does not fit.
    @inlinable public mutating func setLength(_ newLength: Int) throws(CNEError) {
        if newLength >= length {
            try append(newLength - length)
        } else {
            try trim(length - newLength)
        }
    }

    /// Reads the byte at `offset`, bounds-checked.
    @inlinable public subscript(offset: Int) -> UInt8 {
        get {
            precondition(offset >= 0 && offset < length, "packet offset out of range")
            return dataPointer.load(fromByteOffset: offset, as: UInt8.self)
        }
        set {
            precondition(offset >= 0 && offset < length, "packet offset out of range")
            dataPointer.storeBytes(of: newValue, toByteOffset: offset, as: UInt8.self)
        }
    }
}

@available(*, unavailable, message: "a packet belongs to the thread that received or allocated it")
extension Packet: Sendable {}

extension CNEError {
    @usableFromInline
    static func bounds(_ operation: String, _ count: Int, limit: Int) -> CNEError {
        CNEError(
            .runtime(.invalidArgument), context: operation,
            message: "\(count) bytes is out of range (0...\(limit))")
    }
}
