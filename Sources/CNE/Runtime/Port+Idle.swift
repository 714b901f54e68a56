internal import CNESys
#if canImport(Glibc)
import Glibc
#endif

/// What a thread does with a port when there is no packet to handle: push out what is still
/// queued for sending, and sleep until packets arrive instead of spinning.
extension Port {
    /// The file descriptor that becomes readable when the port has packets to receive, or nil
    /// for a driver without one (`net_null`).
    ///
    /// An application that should not spin on an idle port gives this to `poll(2)` (or calls
    /// ``waitForPackets(timeoutMilliseconds:on:)``) when a receive comes back empty, as CNDP's
    /// examples do in interrupt mode. Look it up once: it asks the driver each time.
    public var receiveDescriptor: Int32? {
        // nil once the instance is closed: the socket is gone.
        (try? lifetime.whileOpen(name) { () throws(CNEError) -> Int32? in descriptor() }) ?? nil
    }

    private func descriptor() -> Int32? {
        switch backend {
        case .pktdev(let id, _):
            // struct pktdev_info is cache aligned, as in CNDP: Swift reaches it through its view.
            let raw = UnsafeMutableRawPointer.allocate(
                byteCount: PktdevInfoView.size, alignment: PktdevInfoView.alignment)
            defer { raw.deallocate() }
            let info = PktdevInfoView(raw)
            guard pktdev_info_get(id, info.raw) == 0, info.rx_fd >= 0 else { return nil }
            return info.rx_fd
        case .xskdev(let socket, _):
            var fd: Int32 = -1
            guard xskdev_get_fd(socket.assumingMemoryBound(to: xskdev_info_t.self), &fd, nil) == 0, fd >= 0
            else { return nil }
            return fd
        }
    }

    /// Pushes frames still queued in the transmit ring to the kernel and takes back the
    /// buffers it has finished with: a send of nothing (`pktdev_tx_burst(id, NULL, 0)`).
    ///
    /// AF_XDP in copy (SKB) mode sends a small batch per kernel call, so frames of a large
    /// burst can wait in the ring until the next send. Call this before sleeping on an idle
    /// port, and before closing, so that what was sent leaves.
    public func flush(on thread: borrowing RegisteredThread) {
        checkOwner(thread)
        var none: OpaquePointer? = nil
        _ = withUnsafeMutablePointer(to: &none) { backend.send($0, 0) }
    }

    /// Flushes (``flush(on:)``), then sleeps until the port has packets to receive,
    /// `timeoutMilliseconds` pass, or a signal arrives; returns at once for a port without a
    /// ``receiveDescriptor``.
    ///
    /// - Returns: true when packets are (probably) waiting, false on a timeout or a signal.
    @discardableResult
    public func waitForPackets(timeoutMilliseconds: Int32, on thread: borrowing RegisteredThread) -> Bool {
        flush(on: thread)
        guard let fd = receiveDescriptor else { return true }
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, timeoutMilliseconds) > 0
    }
}
