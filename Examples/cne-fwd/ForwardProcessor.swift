import CNE
import CNEExampleSupport

/// One worker's logic in each of cndpfwd's modes; the runtime does the receiving, idling,
/// stopping and draining.
struct ForwardProcessor: PacketProcessor, ~Copyable {
    let mode: ForwardMode
    /// fwd mode's routes.
    let routes: MACRoutes
    /// tx-only's frame, one per port the worker serves (its source MAC is the port's).
    let templates: [UDPFrameTemplate]
    let budget: PacketBudget?
    let burstSize: Int
    /// fwd mode: one output burst per port of the instance.
    private var outs: PacketBursts
    /// tx-only: the burst being filled, and the next sequence number.
    private var generated: PacketBurst
    private var sequence: UInt32 = 0

    init(mode: ForwardMode, routes: MACRoutes, budget: PacketBudget?, burstSize: Int, portCount: Int, templates: [UDPFrameTemplate]) {
        self.mode = mode
        self.routes = routes
        self.templates = templates
        self.budget = budget
        self.burstSize = burstSize
        outs = PacketBursts(count: mode == .forward ? portCount : 0, capacity: burstSize)
        generated = PacketBurst(capacity: mode == .txOnly ? burstSize : 1)
    }

    mutating func process(_ burst: inout PacketBurst, from port: Port, worker: borrowing Worker) throws(CNEError) {
        switch mode {
        case .drop:
            worker.drop(&burst)
        case .loopback:
            burst.forEach { packet in packet.swapMACAddresses() }
            try worker.send(&burst, on: port)
        case .forward:
            try forward(&burst, worker: worker)
        case .txOnly:
            worker.drop(&burst)  // tx-only receives nothing it keeps
        }
    }

    /// tx-only: generates a burst per served port (within the budget) and sends it.
    mutating func poll(worker: borrowing Worker) throws(CNEError) -> Int {
        guard mode == .txOnly else { return 0 }
        var handled = 0
        for (k, port) in worker.receivePorts.enumerated() {
            let want = budget?.take(upTo: burstSize) ?? burstSize
            if want == 0 { break }
            let n = port.allocate(want, into: &generated, on: worker.thread)
            budget?.giveBack(want - n)
            if n == 0 { continue }
            handled += n
            let template = templates[k]
            var sequence = self.sequence
            try generated.forEach { (packet) throws(CNEError) in
                try template.write(sequence: sequence, into: &packet)
                sequence &+= 1
            }
            self.sequence = sequence
            try worker.send(&generated, on: port)
        }
        return handled
    }

    /// fwd mode: spreads `burst` over the output bursts by destination MAC, in order, then
    /// sends each non-empty one. Frames shorter than an Ethernet header, or for an unknown
    /// MAC without a default port, are dropped.
    private mutating func forward(_ burst: inout PacketBurst, worker: borrowing Worker) throws(CNEError) {
        var dropped = 0
        let routes = self.routes
        burst.drain { packet in
            guard let mac = packet.destinationMAC, let destination = routes.port(for: mac) else {
                dropped += 1
                return  // the packet is freed here
            }
            if let left = outs[destination].append(packet) {
                left.free()
                dropped += 1
            }
        }
        worker.countDropped(dropped)
        for d in outs.indices where !outs[d].isEmpty {
            try worker.send(&outs[d], on: worker.ports[d])
        }
    }
}
