/// What gateway mode did with frames, beside the device's own drop counts: printed each
/// second as one `gateway ...` line (the tests read it) and exported as metrics.
final class GatewayCounters {
    /// Clear-side packets encrypted in place and sent on the cipher port.
    var encrypted: UInt64 = 0
    /// Tunnel packets decrypted in place and sent on the clear port.
    var decrypted: UInt64 = 0
    /// Decrypted packets that waited for ARP or neighbour discovery on the clear side.
    var releasedAfterARP: UInt64 = 0
    /// ARP requests and neighbour solicitations for our addresses answered (both ports).
    var arpAnswered: UInt64 = 0
    /// Frames that were not for us (other hosts, tagged, non-IP, not our UDP port).
    var notForUs: UInt64 = 0
    /// Packets dropped for want of a neighbour's MAC (cipher side: the peer's endpoint;
    /// clear side: held packets that waited too long or overflowed).
    var noNeighbour: UInt64 = 0
    /// Packets whose time to live or hop limit ran out here (a router does not forward them).
    var ttlExpired: UInt64 = 0
    /// Decrypted packets for a destination outside the clear subnets, with no next hop.
    var noClearRoute: UInt64 = 0
    /// Decrypted packets that are neither IPv4 nor IPv6 the toolkit can parse.
    var innerNotIP: UInt64 = 0
    /// ICMP errors sent back to clear-side senders (too big for the tunnel, TTL or hop limit
    /// exceeded).
    var icmpSent: UInt64 = 0
    /// Clear-side IPv4 packets too big for the tunnel without the don't-fragment flag (the
    /// gateway does not fragment).
    var tooBig: UInt64 = 0
    /// Packets whose buffer lacked headroom or tailroom for the WireGuard framing.
    var noRoom: UInt64 = 0
    /// Packets the port's TX ring did not take.
    var txRingFull: UInt64 = 0

    /// The counters by name, in print order.
    var all: [(name: String, value: UInt64)] {
        [("encrypted", encrypted), ("decrypted", decrypted), ("released-after-arp", releasedAfterARP),
         ("arp-answered", arpAnswered), ("not-for-us", notForUs), ("no-neighbour", noNeighbour),
         ("ttl-expired", ttlExpired), ("no-clear-route", noClearRoute), ("inner-not-ip", innerNotIP),
         ("icmp-sent", icmpSent), ("too-big", tooBig), ("no-room", noRoom), ("tx-ring-full", txRingFull)]
    }

    /// `gateway encrypted 3 decrypted 3 ...`.
    var line: String { "gateway " + all.map { "\($0.name) \($0.value)" }.joined(separator: " ") }
}
