import CNE
import WireGuardCore

/// IPv4 neighbours of the CNE port, resolved in-process: learnt from ARP and from every
/// authenticated-looking datagram's source, asked for with ARP (at most once a second per
/// address), with the datagrams that wait for an answer held (few: handshakes and keepalives).
final class Neighbours {
    private(set) var macs: [UInt32: MACAddress] = [:]
    private var waiting: [UInt32: [OutgoingDatagram]] = [:]
    private var lastAsked: [UInt32: WireGuardTime] = [:]
    static let maxWaiting = 16

    func mac(for ip: UInt32) -> MACAddress? { macs[ip] }

    /// Records `ip` at `mac`; returns the datagrams that were waiting for it.
    func learn(_ ip: UInt32, _ mac: MACAddress) -> [OutgoingDatagram] {
        macs[ip] = mac
        return waiting.removeValue(forKey: ip) ?? []
    }

    /// Holds a datagram until `ip` resolves; true when an ARP request should go out now.
    func hold(_ datagram: OutgoingDatagram, for ip: UInt32, now: WireGuardTime) -> Bool {
        var list = waiting[ip] ?? []
        if list.count < Self.maxWaiting { list.append(datagram) }
        waiting[ip] = list
        return shouldAsk(ip, now: now)
    }

    /// Whether to send an ARP request for `ip` now (rate limit: once a second).
    func shouldAsk(_ ip: UInt32, now: WireGuardTime) -> Bool {
        if let last = lastAsked[ip], now < last + .seconds(1) { return false }
        lastAsked[ip] = now
        return true
    }
}
