import CNE
import WireGuardCore

/// Decrypted packets waiting for the clear side's ARP answer, held in their own port buffers
/// (framed, all but the destination MAC), as a kernel holds a few per unresolved neighbour:
/// no copy, no allocation per packet, a fixed number of buffers at most, each for a bounded
/// time.
final class HeldPackets {
    private var packets: PacketBurst
    private var nextHops: [IPAddress] = []
    private var since: [WireGuardTime] = []
    /// How long a packet waits for its neighbour before it is dropped.
    static let maxWait = Duration.seconds(3)

    /// A store for at most `capacity` packets.
    init(capacity: Int) {
        packets = PacketBurst(capacity: capacity)
        nextHops.reserveCapacity(capacity)
        since.reserveCapacity(capacity)
    }

    /// Packets held now.
    var count: Int { packets.count }

    /// Holds `packet` until `nextHop` resolves; when full, the oldest held packet is dropped
    /// to make room. Returns the number dropped (0 or 1).
    func hold(_ packet: consuming Packet, for nextHop: IPAddress, now: WireGuardTime) -> Int {
        var dropped = 0
        if packets.freeCapacity == 0 {
            packets.remove(at: 0).free()
            nextHops.removeFirst()
            since.removeFirst()
            dropped = 1
        }
        _ = packets.append(packet)   // cannot be full here
        nextHops.append(nextHop)
        since.append(now)
        return dropped
    }

    /// Moves every packet held for `ip` into `tx`, addressed to `mac`; returns how many. Those
    /// that do not fit in `tx` stay held.
    func release(_ ip: IPAddress, to mac: MACAddress, into tx: inout PacketBurst) -> Int {
        var moved = 0
        var i = 0
        while i < nextHops.count {
            guard nextHops[i] == ip, tx.freeCapacity > 0 else {
                i += 1
                continue
            }
            var p = packets.remove(at: i)
            nextHops.remove(at: i)
            since.remove(at: i)
            try? p.setDestinationMAC(mac)   // the packet is a whole frame: 14 bytes or more
            _ = tx.append(p)
            moved += 1
        }
        return moved
    }

    /// Drops the packets that waited longer than ``maxWait``; returns how many.
    func expire(now: WireGuardTime) -> Int {
        var dropped = 0
        while let first = since.first, now >= first + Self.maxWait {
            packets.remove(at: 0).free()
            nextHops.removeFirst()
            since.removeFirst()
            dropped += 1
        }
        return dropped
    }
}
