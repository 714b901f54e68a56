import CNE
import WireGuardCore

/// Neighbours of a CNE port (IPv4 and IPv6), resolved in-process: learnt from ARP, neighbour
/// advertisements and every datagram's source, asked for with ARP or neighbour solicitations
/// (at most once a second per address), with the datagrams that wait for an answer held (few:
/// handshakes and keepalives).
final class Neighbours {
    private(set) var macs: [IPAddress: MACAddress] = [:]
    private var waiting: [IPAddress: [OutgoingDatagram]] = [:]
    private var lastAsked: [IPAddress: WireGuardTime] = [:]
    static let maxWaiting = 16

    func mac(for ip: IPAddress) -> MACAddress? { macs[ip] }

    /// Records `ip` at `mac`; returns the datagrams that were waiting for it.
    func learn(_ ip: IPAddress, _ mac: MACAddress) -> [OutgoingDatagram] {
        macs[ip] = mac
        return waiting.removeValue(forKey: ip) ?? []
    }

    /// Holds a datagram until `ip` resolves; true when an ARP request should go out now.
    func hold(_ datagram: OutgoingDatagram, for ip: IPAddress, now: WireGuardTime) -> Bool {
        var list = waiting[ip] ?? []
        if list.count < Self.maxWaiting { list.append(datagram) }
        waiting[ip] = list
        return shouldAsk(ip, now: now)
    }

    /// Whether to send an ARP request for `ip` now (rate limit: once a second).
    func shouldAsk(_ ip: IPAddress, now: WireGuardTime) -> Bool {
        if let last = lastAsked[ip], now < last + .seconds(1) { return false }
        lastAsked[ip] = now
        return true
    }
}
