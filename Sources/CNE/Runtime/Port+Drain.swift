#if canImport(Glibc)
import Glibc
#endif

extension Port {
    /// Lets what was sent leave before the socket closes: AF_XDP frames still in the transmit
    /// ring are lost when it does. Flushes each AF_XDP port of `ports` until the kernel has
    /// completed every frame it was given, or `timeout` seconds pass; other drivers send
    /// synchronously and are left alone. The runtime's workers do this when they stop.
    public static func drainTransmit(_ ports: [Port], on thread: borrowing RegisteredThread, timeout: Double = 0.5) {
        let end = WorkerLoop.milliseconds() + UInt64(max(timeout, 0) * 1000)
        for port in ports where port.driver == "net_af_xdp" {
            while WorkerLoop.milliseconds() < end {
                port.flush(on: thread)
                guard let s = try? port.stats(), s.cqBufFreed < s.opackets else { break }
                usleep(1000)
            }
        }
    }
}
