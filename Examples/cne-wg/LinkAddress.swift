import CNE

/// One of our IPv4 addresses on one CNE port, spoken for with ARP in-process: answers to
/// requests for it, and requests from it for neighbours.
struct LinkAddress {
    /// The port it is on.
    let port: Port
    /// The address.
    let ip: UInt32
    /// The port's MAC address.
    let mac: MACAddress

    /// Rewrites the request in `packet` into our reply to (`senderIP`, `senderMAC`).
    /// False when the buffer cannot hold the reply (the caller drops it).
    func answer(_ packet: inout Packet, senderIP: UInt32, senderMAC: MACAddress) -> Bool {
        do throws(CNEError) {
            try packet.setLength(OuterFraming.arpFrameLength)
        } catch {
            return false
        }
        packet.withMutableBytes { span in
            OuterFraming.writeARP(into: &span, op: 2, sourceMAC: mac, sourceIP: ip, targetMAC: senderMAC, targetIP: senderIP)
        }
        return true
    }

    /// Appends a broadcast request for `target` to `tx` (none when the pool or `tx` is full).
    func request(_ target: UInt32, into tx: inout PacketBurst, on thread: borrowing RegisteredThread) {
        guard tx.freeCapacity > 0, var p = port.allocatePacket(on: thread) else { return }
        do throws(CNEError) { try p.setLength(OuterFraming.arpFrameLength) } catch { p.free(); return }
        p.withMutableBytes { span in
            OuterFraming.writeARP(into: &span, op: 1, sourceMAC: mac, sourceIP: ip, targetMAC: .broadcast, targetIP: target)
        }
        if let overflow = tx.append(p) { overflow.free() }
    }
}
