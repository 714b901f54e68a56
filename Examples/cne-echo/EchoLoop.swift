import CNE
import CNEExampleSupport
#if canImport(Glibc)
import Glibc
#endif

/// The echo server's loop: receive a burst, swap each frame's MAC addresses, send the burst
/// back out of the port it came from, drop what the transmit ring could not take.
struct EchoLoop {
    /// The ports served, in turn.
    let ports: [Port]
    /// Packets per receive.
    let burstSize: Int
    /// Where dropped packets are counted.
    let drops: DropCounters

    /// Runs until a stop signal, the deadline or the packet limit; returns the packets echoed.
    /// When a pass over every port finds nothing, it flushes the ports and sleeps in `poll(2)`
    /// on their receive descriptors (at most 10 ms) instead of spinning.
    @discardableResult
    func run(
        on thread: borrowing RegisteredThread, until deadline: Double?, packetLimit: UInt64?,
        quiet: Bool, table: inout StatsTable
    ) throws(CNEError) -> UInt64 {
        var burst = PacketBurst(capacity: burstSize)
        var waitSet = ports.compactMap(\.receiveDescriptor).map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        if waitSet.count != ports.count { waitSet = [] }  // a port without a descriptor: never sleep
        var echoed: UInt64 = 0
        var nextReport = MonotonicClock.now() + 1
        var passes: UInt32 = 0

        while !StopSignal.isRaised {
            var received = 0
            for port in ports {
                let n = try port.receive(into: &burst, on: thread)
                if n == 0 { continue }
                received += n
                burst.forEach { packet in packet.swapMACAddresses() }
                echoed += UInt64(try port.send(&burst, on: thread))
                if !burst.isEmpty {
                    drops.add(burst.count, port: port.index)
                    burst.removeAll()
                }
            }
            if let packetLimit, echoed >= packetLimit { break }
            passes &+= 1
            if received == 0 && !waitSet.isEmpty {
                for port in ports { port.flush(on: thread) }  // what copy-mode AF_XDP still holds
                _ = poll(&waitSet, nfds_t(waitSet.count), 10)
            }
            if received == 0 || passes & 1023 == 0 {
                let now = MonotonicClock.now()
                if let deadline, now >= deadline { break }
                if now >= nextReport {
                    if !quiet { table.printRows() }
                    nextReport = now + 1
                }
            }
        }
        TransmitDrain.drain(ports, on: thread)
        return echoed
    }
}
