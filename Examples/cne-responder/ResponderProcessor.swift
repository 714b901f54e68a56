import CNE
import CNEExampleSupport

/// One worker's packet logic: turn each frame that asks something into its answer in place,
/// drop the rest (counted by kind), send the answers back out of the port they came in on.
/// The runtime does the receiving, idling, stopping and draining.
struct ResponderProcessor: PacketProcessor {
    /// One responder per port of the instance (each answers with its port's MAC), by index.
    let responders: [Responder]
    /// Where the worker's counts go once per burst (shared by every worker).
    let totals: TrafficTotals
    /// This worker's counts for the burst in hand; folded into `totals` after each burst so the
    /// per-packet path touches no lock.
    private var counts = TrafficCounts()

    init(responders: [Responder], totals: TrafficTotals) {
        self.responders = responders
        self.totals = totals
    }

    mutating func process(_ burst: inout PacketBurst, from port: Port, worker: borrowing Worker) throws(CNEError) {
        let responder = responders[port.index]
        var counts = self.counts
        burst.retain { packet in Self.answer(&packet, responder, &counts) }
        totals.add(counts)
        self.counts = TrafficCounts()
        try worker.send(&burst, on: port)
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
