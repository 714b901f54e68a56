import CNE
import CNEExampleSupport
#if canImport(Glibc)
import Glibc
#endif

/// One forwarding worker: the loop a `fwd` thread of the config runs over its lports.
struct Forwarder: Sendable {
    /// The thread's name in the config (`fwd:0`, ...).
    let name: String
    /// The ports it receives on (tx-only: sends on).
    let served: [Port]
    /// Every port of the instance, by index: where fwd mode may send.
    let allPorts: [Port]
    let mode: ForwardMode
    let burstSize: Int
    /// fwd mode's routes.
    let routes: MACRoutes
    /// tx-only's frame, one per served port (its source MAC is the port's).
    let templates: [UDPFrameTemplate]
    let drops: DropCounters
    let budget: PacketBudget?

    /// Runs until the stop flag is raised (signal, duration, packet bound, another worker's error).
    func run(on thread: borrowing RegisteredThread) throws(CNEError) {
        var burst = PacketBurst(capacity: burstSize)
        var outs = PacketBursts(count: mode == .forward ? allPorts.count : 0, capacity: burstSize)
        var waitSet = served.compactMap(\.receiveDescriptor).map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        if waitSet.count != served.count || mode == .txOnly { waitSet = [] }
        var sequence: UInt32 = 0

        while !StopSignal.isRaised {
            var handled = 0
            for (k, port) in served.enumerated() {
                let want = budget?.remaining(upTo: burstSize) ?? burstSize
                if want == 0 { break }
                switch mode {
                case .drop:
                    handled += try port.receive(into: &burst, limit: want, on: thread)
                    burst.removeAll()
                case .loopback:
                    let n = try port.receive(into: &burst, limit: want, on: thread)
                    if n == 0 { continue }
                    handled += n
                    burst.forEach { packet in packet.swapMACAddresses() }
                    try send(&burst, on: port, thread)
                case .forward:
                    let n = try port.receive(into: &burst, limit: want, on: thread)
                    if n == 0 { continue }
                    handled += n
                    try forward(&burst, from: port, into: &outs, thread)
                case .txOnly:
                    let n = port.allocate(want, into: &burst, on: thread)
                    if n == 0 { continue }
                    handled += n
                    let template = templates[k]
                    try burst.forEach { (packet) throws(CNEError) in
                        try template.write(sequence: sequence, into: &packet)
                        sequence &+= 1
                    }
                    try send(&burst, on: port, thread)
                }
            }
            budget?.spend(handled)
            if handled == 0 && !waitSet.isEmpty {
                for port in allPorts { port.flush(on: thread) }  // what copy-mode AF_XDP still holds
                _ = poll(&waitSet, nfds_t(waitSet.count), 10)
            }
        }
        TransmitDrain.drain(mode == .forward ? allPorts : served, on: thread)
    }

    /// Sends `burst` on `port`, counting and freeing what the ring did not take.
    @inline(__always)
    private func send(_ burst: inout PacketBurst, on port: Port, _ thread: borrowing RegisteredThread) throws(CNEError) {
        try port.send(&burst, on: thread)
        if !burst.isEmpty {
            drops.add(burst.count, port: port.index)
            burst.removeAll()
        }
    }

    /// fwd mode: spreads `burst` over the output bursts by destination MAC, in order, then
    /// sends each non-empty one. Frames shorter than an Ethernet header, or for an unknown
    /// MAC without a default port, are dropped.
    private func forward(
        _ burst: inout PacketBurst, from port: Port, into outs: inout PacketBursts, _ thread: borrowing RegisteredThread
    ) throws(CNEError) {
        var dropped = 0
        burst.drain { packet in
            guard let mac = packet.destinationMAC, let destination = routes.port(for: mac)
            else {
                dropped += 1
                return  // the packet is freed here
            }
            if let refused = outs[destination].append(packet) {
                refused.free()
                dropped += 1
            }
        }
        drops.add(dropped, port: port.index)
        for d in outs.indices where !outs[d].isEmpty {
            try send(&outs[d], on: allPorts[d], thread)
        }
    }
}
