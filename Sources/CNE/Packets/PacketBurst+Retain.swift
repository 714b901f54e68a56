extension PacketBurst {
    /// One pass over the burst that rewrites each packet in place and keeps it, or drops it:
    /// the shape of a responder or a filter that sends what it keeps back out of the same port,
    /// with no second burst. Kept packets stay in order; dropped ones are freed at once.
    ///
    /// ```swift
    /// burst.retain { packet in responder.answer(&packet) }   // true: send it back
    /// try port.send(&burst, on: thread)
    /// ```
    ///
    /// If `body` throws, the packet it was given and those it had not seen stay in the burst.
    @inlinable
    public mutating func retain<E: Error>(_ body: (inout Packet) throws(E) -> Bool) throws(E) {
        var kept = 0
        var i = 0
        defer {
            // On a throw, the unvisited packets stay, after the kept ones.
            if i < _count {
                (slots + kept).update(from: slots + i, count: _count - i)
                kept += _count - i
            }
            var j = kept
            while j < _count {
                slots[j] = nil
                j += 1
            }
            _count = kept
        }
        while i < _count {
            var packet = Packet(owning: slots[i].unsafelyUnwrapped)
            let keep: Bool
            do {
                keep = try body(&packet)
            } catch {
                slots[i] = packet.release()
                throw error
            }
            if keep {
                slots[kept] = packet.release()
                kept += 1
            } else {
                packet.free()
            }
            i += 1
        }
    }
}
