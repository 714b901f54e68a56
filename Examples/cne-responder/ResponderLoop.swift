import CNE
import CNEExampleSupport
#if canImport(Glibc)
import Glibc
#endif

/// The loop: receive a burst, turn each frame that asks something into its answer in place,
/// drop the rest (counted), send the answers back out of the same port.
struct ResponderLoop {
    let ports: [Port]
    let responders: [Responder]  // one per port: each answers with its port's MAC
    let burstSize: Int
    let drops: DropCounters

    func run(
        on thread: borrowing RegisteredThread, until deadline: Double?, quiet: Bool, counts: inout TrafficCounts
    ) throws(CNEError) {
        var burst = PacketBurst(capacity: burstSize)
        var waitSet = ports.compactMap(\.receiveDescriptor).map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        if waitSet.count != ports.count { waitSet = [] }
        let start = MonotonicClock.now()
        var nextRow = start + 1
        while !StopSignal.isRaised {
            var received = 0
            for (port, responder) in zip(ports, responders) {
                received += try port.receive(into: &burst, on: thread)
                burst.retain { packet in Self.answer(&packet, responder, &counts) }
                try port.send(&burst, on: thread)
                drops.add(burst.count, port: port.index)
                burst.removeAll()
            }
            let now = MonotonicClock.now()
            if let deadline, now >= deadline { break }
            if now >= nextRow {
                if !quiet { counts.printRow(second: Int((now - start).rounded())) }
                nextRow = now + 1
            }
            if received == 0 && !waitSet.isEmpty {
                for port in ports { port.flush(on: thread) }  // what copy-mode AF_XDP still holds
                _ = poll(&waitSet, nfds_t(waitSet.count), 10)
            }
        }
        TransmitDrain.drain(ports, on: thread)
    }

    /// Answers one packet in place; true to send it back.
    static func answer(_ packet: inout Packet, _ responder: Responder, _ counts: inout TrafficCounts) -> Bool {
        var verdict = packet.withMutableBytes { responder.answer(&$0) }
        if case .grow(let length) = verdict {
            guard (try? packet.setLength(length)) != nil else {
                counts.add(.malformed)
                return false
            }
            verdict = packet.withMutableBytes { responder.answer(&$0) }
        }
        switch verdict {
        case .send(let kind, let length):
            counts.add(kind)
            if let length { try? packet.setLength(length) }
            return true
        case .drop(let kind):
            counts.add(kind)
            return false
        case .grow:
            counts.add(.malformed)
            return false
        }
    }
}
