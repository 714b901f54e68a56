import CNE
#if canImport(Glibc)
import Glibc
#endif

/// The per-second table of per-port counters, and the summary printed at exit.
///
/// Rows come from each port's own counters (``Port/stats()``): packets, rates, and errors
/// (`ierrors + imissed` on receive; `oerrors + odropped` on send). Packets the workers
/// dropped themselves (full rings, their logic's verdict) are in the summary, per worker.
public struct StatsTable {
    private let ports: [Port]
    private let workers: Workers?
    private let start: Double
    private var last: [PortStats]
    private var lastTime: Double
    private var lines = 0

    /// A table over `ports` (and the counters of `workers`, in the summary), timed from now.
    public init(ports: [Port], workers: Workers? = nil) {
        self.ports = ports
        self.workers = workers
        start = MonotonicClock.now()
        lastTime = start
        last = ports.map { (try? $0.stats()) ?? PortStats() }
    }

    private static func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
        let room = max(0, width - text.count)
        let fill = String(repeating: " ", count: room)
        return left ? text + fill : fill + text
    }

    private static func rate(_ value: Double) -> String {
        switch value {
        case ..<1e3: return String(Int(value.rounded()))
        case ..<1e6: return "\(Int((value / 1e3 * 100).rounded()) / 100).\(twoDigits(value / 1e3))k"
        default: return "\(Int((value / 1e6 * 100).rounded()) / 100).\(twoDigits(value / 1e6))M"
        }
    }

    private static func twoDigits(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded()) % 100
        return hundredths < 10 ? "0\(hundredths)" : "\(hundredths)"
    }

    private static let header =
        pad("time", 8) + "  " + pad("port", 16, left: true) + pad("rx-packets", 13) + pad("tx-packets", 13)
        + pad("rx-pps", 10) + pad("tx-pps", 10) + pad("rx-errors", 11) + pad("tx-errors", 11)

    private func row(_ time: String, _ index: Int, _ s: PortStats, rxRate: Double?, txRate: Double?) -> String {
        let rxErrors = s.ierrors + s.imissed
        let txErrors = s.oerrors + s.odropped
        return Self.pad(time, 8) + "  " + Self.pad(ports[index].name, 16, left: true)
            + Self.pad(String(s.ipackets), 13) + Self.pad(String(s.opackets), 13)
            + Self.pad(rxRate.map(Self.rate) ?? "-", 10) + Self.pad(txRate.map(Self.rate) ?? "-", 10)
            + Self.pad(String(rxErrors), 11) + Self.pad(String(txErrors), 11)
    }

    /// Prints one row per port with the rates since the previous call (a header every 20 rows).
    public mutating func printRows() {
        let now = MonotonicClock.now()
        let dt = max(now - lastTime, 1e-9)
        if lines % 20 == 0 { print(Self.header) }
        lines += 1
        for (i, port) in ports.enumerated() {
            let s = (try? port.stats()) ?? last[i]
            let rx = Double(s.ipackets &- last[i].ipackets) / dt
            let tx = Double(s.opackets &- last[i].opackets) / dt
            let time = String(Int((now - start).rounded())) + "s"
            print(row(time, i, s, rxRate: rx, txRate: tx))
            last[i] = s
        }
        lastTime = now
        fflush(nil)
    }

    /// Prints the totals and mean rates since the start, then every non-zero counter of each port.
    public func printSummary() {
        let elapsed = max(MonotonicClock.now() - start, 1e-9)
        print("summary after \(Int((elapsed * 100).rounded()) / 100).\(Self.twoDigits(elapsed))s:")
        print(Self.header)
        var all: [PortStats] = []
        for (i, port) in ports.enumerated() {
            let s = (try? port.stats()) ?? last[i]
            all.append(s)
            print(row("total", i, s, rxRate: Double(s.ipackets) / elapsed, txRate: Double(s.opackets) / elapsed))
        }
        for (i, port) in ports.enumerated() {
            let text = all[i].counters.filter { $0.value != 0 }.map { "\($0.name)=\($0.value)" }
            print("port \(port.name) counters: " + (text.isEmpty ? "all zero" : text.joined(separator: " ")))
        }
        for w in workers?.stats ?? [] {
            print("worker \(w.name): received=\(w.receivedPackets) sent=\(w.sentPackets) dropped=\(w.droppedPackets) idle_waits=\(w.idleWaitCount)")
        }
        fflush(nil)
    }
}
