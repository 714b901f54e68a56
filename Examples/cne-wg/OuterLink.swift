import CNE
import WireGuardCore

/// The outer (ciphertext) side on one CNE port, shared by endpoint and gateway mode: our UDP
/// port on an IPv4 and/or IPv6 address there, spoken for in-process (ARP answers and requests,
/// neighbour advertisements and solicitations), the neighbours learnt, and the framing of
/// datagrams to peers, in place in the buffer that holds them.
final class OuterLink {
    let port: Port
    let udpPort: UInt16
    let ipv4: UInt32?
    let ipv6: IPv6Address?
    let mac: MACAddress
    let neighbours = Neighbours()

    /// Our side on `port` with `addresses` (one per family at most) and `udpPort`.
    init(port: Port, mac: MACAddress, addresses: [IPAddress], udpPort: UInt16) {
        self.port = port
        self.mac = mac
        self.udpPort = udpPort
        var v4: UInt32? = nil, v6: IPv6Address? = nil
        for a in addresses {
            switch a {
            case .v4(let x): v4 = x
            case .v6(let x): v6 = IPv6Address(x)
            }
        }
        ipv4 = v4
        ipv6 = v6
    }

    /// Our endpoint in `family`'s address family, or nil when we have no address in it.
    func local(for family: IPAddress) -> Endpoint? {
        switch family {
        case .v4: return ipv4.map { Endpoint(address: .v4($0), port: udpPort) }
        case .v6: return ipv6.map { Endpoint(address: IPAddress($0), port: udpPort) }
        }
    }

    /// `192.0.2.2:51820 [2001:db8::2]:51820`, for the start-up line.
    var addressDescription: String {
        [ipv4.map { "\(IPAddress.v4($0)):\(udpPort)" }, ipv6.map { "[\($0)]:\(udpPort)" }].compactMap { $0 }.joined(separator: " ")
    }

    /// What a received frame is.
    func classify(_ bytes: RawSpan) -> OuterFraming.Frame {
        OuterFraming.classify(bytes, localIP: ipv4, localIPv6: ipv6, localPort: udpPort)
    }

    /// What ``handleNeighbourFrame(_:_:)`` did.
    enum NeighbourResult {
        /// The frame is now our answer: send it.
        case answer
        /// Learnt; nothing to send back (drop the frame).
        case learnt
        /// Not a neighbour frame.
        case notNeighbour
    }

    /// Learns from ARP and neighbour discovery frames and turns requests for our addresses
    /// into answers in place. `released` gets the datagrams that waited for what was learnt.
    func handleNeighbourFrame(_ packet: inout Packet, _ frame: OuterFraming.Frame,
                              released: inout [OutgoingDatagram]) -> NeighbourResult {
        switch frame {
        case .arpRequest(let ip, let senderMAC):
            released += neighbours.learn(.v4(ip), senderMAC)
            guard let ipv4 else { return .learnt }
            let link = LinkAddress(port: port, ip: ipv4, mac: mac)
            return link.answer(&packet, senderIP: ip, senderMAC: senderMAC) ? .answer : .learnt
        case .arpReply(let ip, let senderMAC):
            released += neighbours.learn(.v4(ip), senderMAC)
            return .learnt
        case .neighborSolicitation(let nd, let ethernet, let ipv6Header):
            if !ipv6Header.source.isUnspecified {
                released += neighbours.learn(IPAddress(ipv6Header.source), nd.linkLayerAddress ?? ethernet.source)
            }
            let length = ipv6Header.offset + NeighborDiscoveryMessage.advertisementLength
            if packet.length < length {
                do throws(CNEError) { try packet.setLength(length) } catch { return .learnt }
            }
            let written = packet.withMutableBytes { span in
                try? nd.answer(in: &span, ethernet: ethernet, ipv6: ipv6Header, with: mac)
            }
            guard let written else { return .learnt }
            do throws(CNEError) { try packet.setLength(written) } catch { return .learnt }
            return .answer
        case .neighborAdvertisement(let target, let targetMAC):
            released += neighbours.learn(IPAddress(target), targetMAC)
            return .learnt
        case .wireGuard, .other:
            return .notNeighbour
        }
    }

    /// Records the MAC a datagram from `source` came from (roaming, and no need to ask);
    /// returns the datagrams that waited for it.
    func learn(from source: Endpoint, mac sourceMAC: MACAddress) -> [OutgoingDatagram] {
        guard neighbours.mac(for: source.address) != sourceMAC else { return [] }
        return neighbours.learn(source.address, sourceMAC)
    }

    /// What ``frame(_:message:to:)`` did.
    enum FrameResult {
        case ready
        /// The neighbour is not resolved yet (a request went into `tx` if one was due).
        case noNeighbour
        /// No address of ours in the destination's family, or no room in the buffer.
        case cannot
    }

    /// Frames the WireGuard message at `message` in `packet` for `destination`: the outer
    /// headers go right before it (the bytes in front of them are dropped), the packet ends
    /// with it. Asks for the neighbour into `tx` when it is unknown.
    func frame(_ packet: inout Packet, message: Range<Int>, to destination: Endpoint, tx: inout PacketBurst,
               on thread: borrowing RegisteredThread, now: WireGuardTime) -> FrameResult {
        guard let source = local(for: destination.address) else { return .cannot }
        guard let destinationMAC = neighbours.mac(for: destination.address) else {
            if neighbours.shouldAsk(destination.address, now: now) { ask(destination.address, into: &tx, on: thread) }
            return .noNeighbour
        }
        let headerLength = OuterFraming.headerLength(for: destination.address)
        guard message.lowerBound >= headerLength else { return .cannot }
        do throws(CNEError) {
            try packet.setLength(message.upperBound)
            try packet.removeFirst(message.lowerBound - headerLength)
        } catch {
            return .cannot
        }
        packet.withMutableBytes { span in
            OuterFraming.writeHeaders(into: &span, payloadLength: message.count, sourceMAC: mac,
                                      destinationMAC: destinationMAC, source: source, destination: destination)
        }
        return .ready
    }

    /// Appends a request for `address` to `tx`: ARP for IPv4, a neighbour solicitation for
    /// IPv6 (none without our own address in that family, or when the pool or `tx` is full).
    func ask(_ address: IPAddress, into tx: inout PacketBurst, on thread: borrowing RegisteredThread) {
        switch address {
        case .v4(let target):
            guard let ipv4 else { return }
            LinkAddress(port: port, ip: ipv4, mac: mac).request(target, into: &tx, on: thread)
        case .v6(let target):
            guard let ipv6, tx.freeCapacity > 0, var p = port.allocatePacket(on: thread) else { return }
            do throws(CNEError) { try p.setLength(OuterFraming.solicitationLength) } catch { p.free(); return }
            p.withMutableBytes { span in
                OuterFraming.writeNeighborSolicitation(into: &span, sourceMAC: mac, source: ipv6, target: IPv6Address(target))
            }
            if let overflow = tx.append(p) { overflow.free() }
        }
    }

    /// Frames what the device wants sent (handshakes, keepalives, staged packets: copies, few)
    /// in fresh buffers into `tx`, or holds them until their neighbour resolves. Returns how
    /// many could not be framed (no buffer, no address in the family).
    func send(_ datagrams: [OutgoingDatagram], into tx: inout PacketBurst, on thread: borrowing RegisteredThread,
              now: WireGuardTime) -> Int {
        var failed = 0
        for d in datagrams {
            guard let source = local(for: d.endpoint.address) else {
                failed += 1
                continue
            }
            guard let destinationMAC = neighbours.mac(for: d.endpoint.address) else {
                if neighbours.hold(d, for: d.endpoint.address, now: now) { ask(d.endpoint.address, into: &tx, on: thread) }
                continue
            }
            let headerLength = OuterFraming.headerLength(for: d.endpoint.address)
            guard tx.freeCapacity > 0, var p = port.allocatePacket(on: thread) else {
                failed += 1
                continue
            }
            do throws(CNEError) {
                try p.setLength(headerLength + d.bytes.count)
            } catch {
                failed += 1
                p.free()
                continue
            }
            p.withMutableBytes { span in
                span.withUnsafeMutableBytes { f in
                    d.bytes.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: f[headerLength...]).copyMemory(from: $0) }
                }
                OuterFraming.writeHeaders(into: &span, payloadLength: d.bytes.count, sourceMAC: mac,
                                          destinationMAC: destinationMAC, source: source, destination: d.endpoint)
            }
            if let overflow = tx.append(p) { overflow.free() }
        }
        return failed
    }
}
