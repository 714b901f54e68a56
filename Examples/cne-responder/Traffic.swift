import CNE
import Synchronization

/// The kinds of frame the responder counts, answered or not.
enum Traffic: Int, CaseIterable {
    case arpReply, echoReply, advertisement, echo6Reply
    case arpOther, icmpOther, udp, tcp, ipv4Other, icmp6Other, udp6, tcp6, ipv6Other, otherEtherType, malformed

    /// Frames of an IPv4 protocol the responder does not answer.
    init(ipv4 protocol: IPProtocol) {
        self = `protocol` == .udp ? .udp : `protocol` == .tcp ? .tcp : .ipv4Other
    }

    /// Frames of an IPv6 upper-layer protocol the responder does not answer.
    init(ipv6 protocol: IPProtocol) {
        self = `protocol` == .udp ? .udp6 : `protocol` == .tcp ? .tcp6 : .ipv6Other
    }

    /// The column heading.
    var name: String {
        ["arp-reply", "echo-reply", "na", "echo6-reply", "arp-other", "icmp-other", "udp", "tcp", "ipv4-other",
         "icmp6-other", "udp6", "tcp6", "ipv6-other", "other-l2", "malformed"][rawValue]
    }
}

/// Frames counted by ``Traffic``: one worker's counts for a burst.
struct TrafficCounts {
    private(set) var total = [UInt64](repeating: 0, count: Traffic.allCases.count)

    /// Counts one frame.
    mutating func add(_ kind: Traffic) { total[kind.rawValue] &+= 1 }
}

/// Every worker's counts together, per second and in total.
final class TrafficTotals: Sendable {
    private struct State {
        var total = [UInt64](repeating: 0, count: Traffic.allCases.count)
        var shown = [UInt64](repeating: 0, count: Traffic.allCases.count)
        var rows = 0
    }
    private let state = Mutex(State())

    /// Adds a worker's counts (once per burst).
    func add(_ counts: TrafficCounts) {
        state.withLock { state in
            for (k, n) in counts.total.enumerated() where n != 0 { state.total[k] &+= n }
        }
    }

    /// One row: what arrived since the previous row, by kind (a header every 20 rows).
    func printRow(second: Int) {
        let (cells, header) = state.withLock { state in
            let cells = Traffic.allCases.map { kind in
                String(state.total[kind.rawValue] - state.shown[kind.rawValue]).leftPadded(to: kind.name.count)
            }
            state.shown = state.total
            state.rows += 1
            return (cells, state.rows % 20 == 1)
        }
        if header { print("time " + Traffic.allCases.map(\.name).joined(separator: " ")) }
        print("\(second)s".leftPadded(to: 4) + " " + cells.joined(separator: " "))
    }

    /// The totals of every kind seen.
    func printSummary() {
        let total = state.withLock { $0.total }
        let seen = Traffic.allCases.filter { total[$0.rawValue] > 0 }.map { "\($0.name)=\(total[$0.rawValue])" }
        print("traffic: " + (seen.isEmpty ? "none" : seen.joined(separator: " ")))
    }
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
