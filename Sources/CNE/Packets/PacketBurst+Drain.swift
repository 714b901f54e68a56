internal import CNESys

extension PacketBurst {
    /// Hands every packet to `body` in order, giving up ownership of each, and leaves the
    /// burst empty: the way to spread one received burst over several output bursts (a
    /// forwarder) without reordering. A packet `body` does not keep is freed.
    ///
    /// If `body` throws, the packets it has not yet been given are freed.
    @inlinable
    public mutating func drain<E: Error>(_ body: (consuming Packet) throws(E) -> Void) throws(E) {
        let n = _count
        var i = 0
        defer {
            if i < n { BufferRelease.free(slots + i, count: n - i) }
            slots.update(repeating: nil, count: n)
            _count = 0
        }
        while i < n {
            let packet = Packet(owning: slots[i].unsafelyUnwrapped)
            i += 1
            try body(packet)
        }
    }
}
