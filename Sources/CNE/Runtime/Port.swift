internal import CNESys

/// One lport: an AF_XDP (or AF_PACKET, or null) socket on one netdev queue, its transmit side.
///
/// Ports come from an ``Instance`` and are plain values: copy them to the threads that send
/// on them. Sending takes a ``RegisteredThread``, and the instance cannot close while any
/// registered scope is running, so a port is never used after its socket is gone.
///
/// Receiving is not here: an RX ring has exactly one consumer, so the receive side of a port
/// is a ``ReceiveQueues`` handle, which cannot be copied and which the instance lends to one
/// owner at a time (``Instance/takeReceiveQueues(_:owner:)``, or a worker of the runtime).
///
/// Sending is shared: several threads may send on one port. The core serialises them with a
/// lock per port (AF_XDP and AF_PACKET), which costs an uncontended lock per burst when one
/// thread sends, and the lock's cache line moving between cores when several do; a worker
/// that sends only on the ports it receives from pays the first only.
public struct Port: Sendable, CustomStringConvertible {
    /// Its position in the config's `lports` section (its lport index).
    public let index: Int
    /// Its name in the config, `"<netdev>[:<suffix>]"`.
    public let name: String
    /// The network interface.
    public let netdev: String
    /// The interface queue.
    public let queue: UInt16
    /// The driver, e.g. `net_af_xdp`.
    public let driver: String
    /// The interface's MAC address, read when the port was set up (nil for `net_null`).
    public let macAddress: MACAddress?

    @usableFromInline let backend: PortBackend
    /// The instance that owns the socket; its id must match the registration used.
    let lifetime: InstanceLifetime
    @usableFromInline let instanceID: UInt64

    init(
        index: Int, config: CNEConfig.LPort, backend: PortBackend, macAddress: MACAddress?,
        lifetime: InstanceLifetime
    ) {
        self.lifetime = lifetime
        self.instanceID = lifetime.id
        self.index = index
        self.name = config.name
        self.netdev = config.netdev
        self.queue = config.qid
        self.driver = config.pmd
        self.backend = backend
        self.macAddress = macAddress
    }

    /// `name (driver netdev/queue)`.
    public var description: String { "\(name) (\(driver) \(netdev)/\(queue))" }

    /// Receives up to `limit` packets (and at most the burst's free room), appending them:
    /// only through ``ReceiveQueues``, which proves the caller is the ring's one consumer.
    @inlinable @discardableResult
    func receive(
        into burst: inout PacketBurst, limit: Int = .max, on thread: borrowing RegisteredThread
    ) throws(CNEError) -> Int {
        checkOwner(thread)
        let (window, room) = burst.receiveWindow(max: limit)
        guard room > 0 else { return 0 }
        let n = backend.receive(window, room)
        guard n != PortBackend.down else { throw .portDown(name) }
        burst.didReceive(Int(n))
        return Int(n)
    }

    /// Sends the packets of `burst` from the front; those the port took leave the burst, the
    /// rest stay, in order (the ring was full: retry, or drop them with `removeAll()`).
    ///
    /// - Returns: the number sent.
    /// - Throws: ``CNEError/Code/portDown`` when the port is administratively down; the
    ///   burst is unchanged.
    ///
    /// CNDP's xskdev sends a whole burst or nothing (`xskdev_tx_burst_locked`), so a burst
    /// larger than the TX ring would never go: the packets go in chunks of at most
    /// ``PortBackend/sendChunk``, until one is not taken whole.
    @inlinable @discardableResult
    public func send(_ burst: inout PacketBurst, on thread: borrowing RegisteredThread) throws(CNEError) -> Int {
        checkOwner(thread)
        let count = burst.count
        var sent = 0
        while sent < count {
            let chunk = Swift.min(count - sent, PortBackend.sendChunk)
            let n = backend.send(burst.slots + sent, UInt16(chunk))
            if n == PortBackend.down {
                if sent == 0 { throw .portDown(name) }
                break
            }
            sent += Int(n)
            if Int(n) < chunk { break }
        }
        if sent > 0 { burst.didSendFirst(sent) }
        return sent
    }

    /// Allocates up to `count` fresh packets from the port's buffer pool for sending,
    /// appending them to `burst` (each empty, with the default headroom).
    ///
    /// - Returns: the number allocated: `count` (clamped to the burst's room), or 0 when the
    ///   pool has fewer free buffers (allocation is all or nothing).
    @inlinable @discardableResult
    public func allocate(
        _ count: Int, into burst: inout PacketBurst, on thread: borrowing RegisteredThread
    ) -> Int {
        checkOwner(thread)
        let (window, room) = burst.receiveWindow(max: count)
        guard room > 0 else { return 0 }
        let n = backend.allocate(window, room)
        burst.didReceive(n)
        return n
    }

    /// Allocates one fresh packet from the port's pool, or nil when the pool is empty.
    public func allocatePacket(on thread: borrowing RegisteredThread) -> Packet? {
        checkOwner(thread)
        var raw: OpaquePointer? = nil
        guard withUnsafeMutablePointer(to: &raw, { backend.allocate($0, 1) }) == 1, let raw else { return nil }
        return Packet(owning: raw)
    }

    /// A snapshot of every counter.
    ///
    /// - Throws: ``CNEError/Code/busy`` once the instance is closed.
    public func stats() throws(CNEError) -> PortStats {
        try lifetime.whileOpen(name) { () throws(CNEError) in try backend.stats(portName: name) }
    }

    /// Sets every counter back to zero.
    ///
    /// - Throws: ``CNEError/Code/busy`` once the instance is closed.
    public func resetStats() throws(CNEError) {
        try lifetime.whileOpen(name) { () throws(CNEError) in try backend.resetStats(portName: name) }
    }

    /// Traps when `thread` was lent by another instance's scope: only this port's instance
    /// keeps the socket open while a registration of its own is out.
    @inlinable func checkOwner(_ thread: borrowing RegisteredThread) {
        precondition(
            thread.instanceID == instanceID,
            "port used with a thread registered by another instance (this port's instance is closed)")
    }
}

extension CNEError {
    @usableFromInline
    static func portDown(_ name: String) -> CNEError {
        CNEError(.runtime(.portDown), context: name, message: "the port is down")
    }
}
