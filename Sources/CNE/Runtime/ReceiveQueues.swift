/// The receive side of one or more ports, owned: the proof that its holder is the one
/// consumer of those RX rings.
///
/// An AF_XDP RX ring has a single consumer; two threads receiving on one ring corrupt it
/// (packets counted twice, buffers freed twice). This handle cannot be copied, and the
/// instance lends at most one per port at a time, so two receivers on one ring do not
/// compile (a copy is refused, and so is a capture by a closure that another thread runs:
/// the handle is not `Sendable`) or, across two handles, fail with ``CNEError/Code/busy``.
/// Take it on the thread that receives; dropping it gives the queues back.
///
/// The runtime's workers (``Workers``) each own one, for the lports of their `threads` entry.
public struct ReceiveQueues: ~Copyable {
    /// The ports whose receive side this is, in the order given.
    public let ports: [Port]
    /// Who owns them (a worker's name), for messages.
    public let owner: String
    let lifetime: InstanceLifetime

    init(ports: [Port], owner: String, lifetime: InstanceLifetime) {
        self.ports = ports
        self.owner = owner
        self.lifetime = lifetime
    }

    deinit {
        let indexes = ports.map(\.index)
        lifetime.resources.withLock { r in
            for index in indexes { r.receiveOwners[index] = nil }
        }
    }

    /// Receives up to `limit` packets (and at most the burst's free room) from
    /// `ports[index]`, appending them.
    ///
    /// - Returns: the number received, 0 when none were waiting.
    /// - Throws: ``CNEError/Code/portDown`` when the port is administratively down.
    @inlinable @discardableResult
    public func receive(
        from index: Int, into burst: inout PacketBurst, limit: Int = .max, on thread: borrowing RegisteredThread
    ) throws(CNEError) -> Int {
        try ports[index].receive(into: &burst, limit: limit, on: thread)
    }
}

@available(*, unavailable, message: "an RX ring has one consumer: take the receive queues on the thread that receives")
extension ReceiveQueues: Sendable {}

extension Instance {
    /// Lends the receive side of `ports` to `owner`, until the handle is dropped.
    ///
    /// - Throws: ``CNEError/Code/busy`` when one of them is already owned (by a worker or an
    ///   earlier handle) or the instance is closed; ``CNEError/Code/invalidArgument`` for a
    ///   port of another instance or a port given twice.
    public func takeReceiveQueues(_ ports: [Port], owner: String) throws(CNEError) -> ReceiveQueues {
        let lifetime = self.lifetime
        try lifetime.resources.withLock { (r) throws(CNEError) in
            guard !r.closed else {
                throw CNEError(.runtime(.busy), context: owner, message: "the instance is closed")
            }
            var seen: Set<Int> = []
            for port in ports {
                guard port.instanceID == lifetime.id, seen.insert(port.index).inserted else {
                    throw CNEError(
                        .runtime(.invalidArgument), context: owner,
                        message: "port \(ConfigText.quoted(port.name)) is given twice or belongs to another instance")
                }
                if let current = r.receiveOwners[port.index] {
                    throw CNEError(
                        .runtime(.busy), context: owner,
                        message: "the receive queue of lport \(ConfigText.quoted(port.name)) is already owned by \(ConfigText.quoted(current)) (an RX ring has one consumer)")
                }
            }
            for port in ports { r.receiveOwners[port.index] = owner }
        }
        return ReceiveQueues(ports: ports, owner: owner, lifetime: lifetime)
    }
}
