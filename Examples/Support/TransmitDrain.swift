import CNE
#if canImport(Glibc)
import Glibc
#endif

/// Lets what a worker sent leave before the instance closes: AF_XDP frames still in the
/// transmit ring are lost when the socket closes.
public enum TransmitDrain {
    /// Flushes each AF_XDP port until the kernel has completed every frame it was given, or
    /// `timeout` seconds pass. Other drivers send synchronously and are left alone.
    public static func drain(_ ports: [Port], on thread: borrowing RegisteredThread, timeout: Double = 0.5) {
        let end = MonotonicClock.now() + timeout
        for port in ports where port.driver == "net_af_xdp" {
            while MonotonicClock.now() < end {
                port.flush(on: thread)
                guard let s = try? port.stats(), s.cqBufFreed < s.opackets else { break }
                usleep(1000)
            }
        }
    }
}
