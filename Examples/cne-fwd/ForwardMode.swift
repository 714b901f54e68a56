/// cndpfwd's forwarding modes (its `mode` option), as cne-fwd implements them.
enum ForwardMode: String, Sendable, CaseIterable {
    /// Receive and free every packet (`rx-only` is the same).
    case drop
    /// Send generated Ethernet/IPv4/UDP frames; receive nothing.
    case txOnly = "tx-only"
    /// Swap the MAC addresses and send back out of the receiving port (`loopback` is the same).
    case loopback = "lb"
    /// Send each frame out of the port whose MAC address is its destination, else the default port.
    case forward = "fwd"

    /// The mode a name stands for, accepting cndpfwd's aliases.
    init?(name: String) {
        switch name.lowercased() {
        case "drop", "rx-only": self = .drop
        case "tx-only": self = .txOnly
        case "lb", "loopback": self = .loopback
        case "fwd": self = .forward
        default: return nil
        }
    }

    /// The names accepted, for messages.
    static let names = "drop, rx-only, tx-only, lb, loopback, fwd"
}
