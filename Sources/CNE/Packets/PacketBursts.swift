/// A fixed number of ``PacketBurst``s, indexed from 0: one output burst per port, for a
/// forwarder that spreads what it receives over several ports.
///
/// An `Array` cannot hold non-copyable bursts; this can. Index it like an array: the
/// subscript lends the burst in place, for reading or changing.
///
/// ```swift
/// var outs = PacketBursts(count: ports.count, capacity: 64)
/// if let refused = outs[port.index].append(packet) { refused.free() }
/// for i in outs.indices where !outs[i].isEmpty {
///     try ports[i].send(&outs[i], on: thread)
/// }
/// ```
///
/// Dropping it frees every packet still held, like dropping each burst. Make it once per
/// thread and reuse it: only ``init(count:capacity:)`` allocates.
@frozen
public struct PacketBursts: ~Copyable {
    @usableFromInline let storage: UnsafeMutablePointer<PacketBurst>
    /// The number of bursts.
    public let count: Int

    /// `count` empty bursts (0 or more) of up to `capacity` packets each (1...65535).
    public init(count: Int, capacity: Int = 256) {
        precondition(count >= 0, "negative burst count")
        precondition(capacity > 0 && capacity <= PacketBurst.maxCapacity, "burst capacity out of range")
        self.count = count
        storage = .allocate(capacity: Swift.max(count, 1))
        for i in 0..<count { (storage + i).initialize(to: PacketBurst(capacity: capacity)) }
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    /// The valid indexes, `0..<count`.
    @inlinable public var indices: Range<Int> { 0..<count }

    /// The burst at `index`, in place. Traps when `index` is not in ``indices``.
    @inlinable public subscript(index: Int) -> PacketBurst {
        unsafeAddress {
            precondition(index >= 0 && index < count, "burst index out of range")
            return UnsafePointer(storage + index)
        }
        unsafeMutableAddress {
            precondition(index >= 0 && index < count, "burst index out of range")
            return storage + index
        }
    }

    /// The packets held by all the bursts together.
    @inlinable public var packetCount: Int {
        var total = 0
        for i in 0..<count { total += storage[i].count }
        return total
    }

    /// Frees every packet of every burst.
    @inlinable public mutating func removeAll() {
        for i in 0..<count { storage[i].removeAll() }
    }
}

@available(*, unavailable, message: "bursts belong to the thread that fills and sends them")
extension PacketBursts: Sendable {}
