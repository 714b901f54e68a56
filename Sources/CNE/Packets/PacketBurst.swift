internal import CNESys

/// A batch of owned packets: what a port receives into and sends from.
///
/// A burst owns every packet in it. Receiving appends to it; sending takes the packets the
/// port accepted and leaves the rest, in order, for the caller to retry or drop; dropping the
/// burst frees whatever it still holds. Allocate one burst per thread and reuse it: receive
/// and send never allocate.
@frozen
public struct PacketBurst: ~Copyable {
    @usableFromInline let slots: UnsafeMutablePointer<OpaquePointer?>
    @usableFromInline var _count: Int
    /// The most packets the burst holds.
    public let capacity: Int

    /// The largest capacity: one less than 65535, which CNDP's bursts return for "port down".
    public static let maxCapacity = Int(UInt16.max) - 1

    /// An empty burst of up to `capacity` packets (1...``maxCapacity``; 32 to 256 is usual).
    public init(capacity: Int = 256) {
        precondition(capacity > 0 && capacity <= PacketBurst.maxCapacity, "burst capacity out of range")
        self.capacity = capacity
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: nil, count: capacity)
        _count = 0
    }

    deinit {
        BufferRelease.free(slots, count: _count)
        slots.deallocate()
    }

    /// The number of packets held.
    @inlinable public var count: Int { _count }

    /// True when the burst holds no packet.
    @inlinable public var isEmpty: Bool { _count == 0 }

    /// Room left.
    @inlinable public var freeCapacity: Int { capacity - _count }

    /// Adds a packet at the end.
    ///
    /// - Returns: nil when it was added, or the packet itself when the burst is full.
    @inlinable public mutating func append(_ packet: consuming Packet) -> Packet? {
        guard _count < capacity else { return packet }
        slots[_count] = packet.release()
        _count += 1
        return nil
    }

    /// Removes and returns the packet at `index`; later packets move up by one.
    @inlinable public mutating func remove(at index: Int) -> Packet {
        precondition(index >= 0 && index < _count, "burst index out of range")
        let raw = slots[index].unsafelyUnwrapped
        (slots + index).update(from: slots + index + 1, count: _count - index - 1)
        _count -= 1
        slots[_count] = nil
        return Packet(owning: raw)
    }

    /// Removes and returns the last packet, or nil when empty.
    @inlinable public mutating func popLast() -> Packet? {
        guard _count > 0 else { return nil }
        _count -= 1
        let raw = slots[_count].unsafelyUnwrapped
        slots[_count] = nil
        return Packet(owning: raw)
    }

    /// Frees every packet and empties the burst.
    @inlinable public mutating func removeAll() {
        BufferRelease.free(slots, count: _count)
        _count = 0
    }

    /// Lends each packet in turn, mutably. Assigning a new packet to the parameter replaces
    /// it in the burst (the old one is freed).
    @inlinable
    public mutating func forEach<E: Error>(_ body: (inout Packet) throws(E) -> Void) throws(E) {
        var i = 0
        while i < _count {
            var packet = Packet(owning: slots[i].unsafelyUnwrapped)
            do {
                try body(&packet)
            } catch {
                slots[i] = packet.release()
                throw error
            }
            slots[i] = packet.release()
            i += 1
        }
    }

    /// Keeps the packets for which `keep` returns true, in order, and frees the others.
    @inlinable
    public mutating func filter<E: Error>(_ keep: (borrowing Packet) throws(E) -> Bool) throws(E) {
        var kept = 0
        var i = 0
        defer {
            // On a throw, the unvisited packets stay.
            if i < _count {
                (slots + kept).update(from: slots + i, count: _count - i)
                kept += _count - i
            }
            for j in kept..<_count { slots[j] = nil }
            _count = kept
        }
        while i < _count {
            let packet = Packet(owning: slots[i].unsafelyUnwrapped)
            let keepIt: Bool
            do {
                keepIt = try keep(packet)
            } catch {
                slots[i] = packet.release()
                throw error
            }
            if keepIt {
                slots[kept] = packet.release()
                kept += 1
            } else {
                packet.free()
            }
            i += 1
        }
    }

    /// The free tail of the slot array, for a receive of up to `max` packets.
    @inlinable func receiveWindow(max: Int) -> (UnsafeMutablePointer<OpaquePointer?>, UInt16) {
        // Never 0xFFFF: a count of 65535 would read as CNDP's "port down".
        (slots + _count, UInt16(Swift.max(0, Swift.min(max, capacity - _count))))
    }

    /// Records `n` packets written into the receive window.
    @inlinable mutating func didReceive(_ n: Int) {
        _count += n
    }

    /// Drops the first `n` packets, which now belong to someone else (a port that sent them).
    @inlinable mutating func didSendFirst(_ n: Int) {
        guard n > 0 else { return }
        let left = _count - n
        if left > 0 { slots.update(from: slots + n, count: left) }
        // Slots at and past `_count` are never read, so they are not cleared.
        _count = left
    }
}

@available(*, unavailable, message: "a burst belongs to the thread that fills and sends it")
extension PacketBurst: Sendable {}
