/// Buffered transmit: collect packets one at a time, send them as bursts.
///
/// The analogue of CNDP's `txbuff` and the Rust crate's `BufferedTxPort`. ``add(_:on:)``
/// sends a burst whenever the buffer fills; call ``flush(on:)`` when a receive loop goes
/// idle, so that a partial burst does not wait. What the port does not take is handled by
/// the ``Policy``. Dropping the buffer frees whatever it still holds (flush first to send it).
public struct TxBuffer: ~Copyable {
    /// What to do with packets the port did not take (its ring was full).
    public enum Policy: Sendable, Equatable {
        /// Free them and count them in ``dropped`` (CNDP's default `txbuff_drop_callback`).
        case drop
        /// Try again up to `attempts` more times, then free and count what is still left.
        case retry(attempts: Int)
        /// Keep them, in order, for the next flush; ``add(_:on:)`` hands a packet back when
        /// the buffer is still full.
        case keep
    }

    /// The port the packets go to.
    public let port: Port
    /// What happens to packets the port does not take.
    public let policy: Policy
    @usableFromInline var burst: PacketBurst
    /// Packets sent so far.
    public private(set) var sent = 0
    /// Packets freed unsent so far (by the ``Policy/drop`` and ``Policy/retry(attempts:)`` policies).
    public private(set) var dropped = 0

    /// A buffer of up to `capacity` packets for `port`.
    public init(port: Port, capacity: Int = 64, policy: Policy = .drop) {
        precondition(capacity > 0, "a transmit buffer needs room for one packet")
        if case .retry(let attempts) = policy { precondition(attempts >= 0, "negative retry count") }
        self.port = port
        self.policy = policy
        self.burst = PacketBurst(capacity: capacity)
    }

    /// Packets waiting to be sent.
    public var count: Int { burst.count }

    /// The most packets the buffer holds.
    public var capacity: Int { burst.capacity }

    /// Adds a packet, sending a burst first when the buffer is full.
    ///
    /// - Returns: nil when the packet was taken, or the packet itself when the buffer is
    ///   still full after the flush (only with the ``Policy/keep`` policy).
    /// - Throws: ``CNEError/Code/portDown`` from the flush of a full buffer; the packet is then
    ///   freed, and the packets held stay held.
    public mutating func add(_ packet: consuming Packet, on thread: borrowing RegisteredThread) throws(CNEError) -> Packet? {
        if burst.freeCapacity == 0 {
            try flush(on: thread)
        }
        return burst.append(packet)
    }

    /// Sends everything held, applying the policy to what the port does not take.
    ///
    /// - Returns: the number sent by this call.
    @discardableResult
    public mutating func flush(on thread: borrowing RegisteredThread) throws(CNEError) -> Int {
        guard !burst.isEmpty else { return 0 }
        // `sent` is counted after every send, so a later throw loses no count.
        var n = try port.send(&burst, on: thread)
        sent += n
        switch policy {
        case .keep:
            break
        case .drop:
            dropAll()
        case .retry(let attempts):
            var tries = 0
            while !burst.isEmpty && tries < attempts {
                let more = try port.send(&burst, on: thread)
                sent += more
                n += more
                tries += 1
            }
            dropAll()
        }
        return n
    }

    private mutating func dropAll() {
        dropped += burst.count
        burst.removeAll()
    }
}

@available(*, unavailable, message: "a transmit buffer belongs to one thread")
extension TxBuffer: Sendable {}
