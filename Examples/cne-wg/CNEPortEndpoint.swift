import CNE
import Glibc
import WireGuardCore

/// The endpoint mode on a CNE port: outer UDP on an AF_XDP (or AF_PACKET) port, inner packets
/// on a TUN device. Ciphertext is decrypted in the receive buffer and plaintext from the TUN is
/// read straight into a port buffer behind room for the outer headers, encrypted there and sent
/// in bursts: no copy between UMEM and the heap, no allocation per packet.
struct CNEPortEndpoint: ~Copyable {
    let device: WireGuardDevice
    /// The port's receive side, owned by this endpoint alone.
    let queues: ReceiveQueues
    var port: Port { queues.ports[0] }
    let tun: TunDevice
    let local: Endpoint
    let localIP: UInt32
    let localMAC: MACAddress
    let neighbours = Neighbours()
    /// Frames dropped by the framing layer (not for us, no neighbour, ring full).
    final class Counters {
        var notForUs: UInt64 = 0
        var noNeighbour: UInt64 = 0
        var txRingFull: UInt64 = 0
    }
    let counters = Counters()

    init(device: WireGuardDevice, queues: consuming ReceiveQueues, tun: consuming TunDevice, local: Endpoint, localMAC: MACAddress) {
        self.device = device
        self.queues = queues
        self.tun = tun
        self.local = local
        if case .v4(let a) = local.address { localIP = a } else { localIP = 0 }
        self.localMAC = localMAC
    }

    enum TunRead { case empty, sent, dropped }

    func run(on thread: borrowing RegisteredThread, until deadline: WireGuardTime, initiate: Bool,
             status: StatusPrinter, uapi: UAPIServer?, metrics: WireGuardMetrics? = nil) throws(CNEError) {
        var rx = PacketBurst(capacity: 64)
        var tx = PacketBurst(capacity: 64)
        if initiate {
            for peer in device.peers { device.initiateHandshake(with: peer, now: monotonicNow()) }
        }
        device.start(now: monotonicNow())
        var waitSet = [pollfd(fd: tun.fd, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: uapi?.fd ?? -1, events: Int16(POLLIN), revents: 0)]
        if let fd = port.receiveDescriptor { waitSet.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0)) }
        var lastStatus = monotonicNow()
        while !stopRequested() {
            let now = monotonicNow()
            if now >= deadline { break }
            var work = 0
            // Outer side: frames from the port.
            let n = try queues.receive(from: 0, into: &rx, on: thread)
            work += n
            if n > 0 {
                rx.drain { (packet: consuming Packet) in handleFrame(packet, &tx, thread, now: now) }
            }
            // Inner side: packets from the TUN, read into port buffers.
            for _ in 0..<64 {
                guard var packet = port.allocatePacket(on: thread) else { break }
                switch encryptFromTun(&packet, now: now) {
                case .empty:
                    packet.free()
                case .dropped:
                    packet.free()
                    work += 1
                    continue
                case .sent:
                    work += 1
                    push(packet, &tx, thread)
                    continue
                }
                break
            }
            rekeyIfRequested(device)
            device.tick(now: now)
            flushOutbox(&tx, thread, now: now)
            try send(&tx, thread)
            if work == 0 {
                port.flush(on: thread)
                _ = poll(&waitSet, nfds_t(waitSet.count), 10)
                if waitSet[1].revents != 0 { uapi?.serve(device, listenPort: local.port) }
            }
            if now >= lastStatus + .seconds(1) {
                lastStatus = now
                uapi?.serve(device, listenPort: local.port)   // busy loops never idle: serve here too
                metrics?.publish(device)
                status.print(device)
                printFramingCounters()
            }
        }
        try send(&tx, thread)
        metrics?.publish(device)
        status.print(device)
        printFramingCounters()
    }

    func printFramingCounters() {
        print("framing not-for-us \(counters.notForUs) no-neighbour \(counters.noNeighbour) tx-ring-full \(counters.txRingFull)")
    }

    func push(_ packet: consuming Packet, _ tx: inout PacketBurst, _ thread: borrowing RegisteredThread) {
        if tx.freeCapacity == 0 { try? send(&tx, thread) }
        if let overflow = tx.append(packet) {
            counters.txRingFull += 1
            overflow.free()
        }
    }

    func send(_ tx: inout PacketBurst, _ thread: borrowing RegisteredThread) throws(CNEError) {
        guard !tx.isEmpty else { return }
        try port.send(&tx, on: thread)
        if !tx.isEmpty {
            counters.txRingFull += UInt64(tx.count)
            tx.removeAll()
        }
    }

    /// One received frame: ARP answered or learnt, WireGuard decrypted in place, the rest dropped.
    func handleFrame(_ packet: consuming Packet, _ tx: inout PacketBurst, _ thread: borrowing RegisteredThread, now: WireGuardTime) {
        var p = packet
        let frame = p.withBytes { OuterFraming.classify($0, localIP: localIP, localPort: local.port) }
        switch frame {
        case .arpRequest(let ip, let mac):
            requeue(neighbours.learn(ip, mac), &tx, thread, now: now)
            p.withMutableBytes { span in
                OuterFraming.writeARP(into: &span, op: 2, sourceMAC: localMAC, sourceIP: localIP, targetMAC: mac, targetIP: ip)
            }
            do throws(CNEError) {
                try p.setLength(OuterFraming.arpFrameLength)
                if let overflow = tx.append(p) { overflow.free() }
            } catch {
                counters.notForUs += 1
            }
        case .arpReply(let ip, let mac):
            requeue(neighbours.learn(ip, mac), &tx, thread, now: now)
        case .wireGuard(let payload, let source, let mac):
            if case .v4(let ip) = source.address, neighbours.mac(for: ip) != mac {
                requeue(neighbours.learn(ip, mac), &tx, thread, now: now)
            }
            p.withMutableBytes { span in
                span.withUnsafeMutableBytes { f in
                    let datagram = UnsafeMutableRawBufferPointer(rebasing: f[payload])
                    if case .packet(_, let range) = device.receive(datagram, from: source, now: now) {
                        tun.write(UnsafeRawBufferPointer(rebasing: datagram[range]))
                    }
                }
            }
        case .other:
            counters.notForUs += 1
        }
    }

    /// Reads one inner packet from the TUN into `packet` behind room for every header, and
    /// encrypts and frames it there.
    func encryptFromTun(_ packet: inout Packet, now: WireGuardTime) -> TunRead {
        do throws(CNEError) {
            try packet.setLength(packet.length + packet.tailroom)
        } catch {
            return .empty
        }
        let offset = OuterFraming.headerLength + WireGuardDevice.headroom
        var frameLength = 0
        let result = packet.withMutableBytes { span in
            span.withUnsafeMutableBytes { f -> TunRead in
                guard f.count > offset + WireGuardDevice.tailroom,
                      let n = tun.read(into: UnsafeMutableRawBufferPointer(rebasing: f[offset..<(f.count - WireGuardDevice.tailroom)])) else {
                    return .empty
                }
                guard case .ready(let range, let endpoint) = device.encrypt(f, packetOffset: offset, packetLength: n, now: now) else {
                    return .dropped
                }
                guard case .v4(let ip) = endpoint.address, let mac = neighbours.mac(for: ip) else {
                    counters.noNeighbour += 1
                    return .dropped
                }
                var headers = UnsafeMutableRawBufferPointer(rebasing: f[0..<OuterFraming.headerLength]).mutableBytes
                OuterFraming.writeHeaders(into: &headers, payloadLength: range.count, sourceMAC: localMAC,
                                          destinationMAC: mac, source: local, destination: endpoint)
                frameLength = range.upperBound
                return .sent
            }
        }
        if result == .sent {
            do throws(CNEError) { try packet.setLength(frameLength) } catch { return .dropped }
        }
        return result
    }

    /// Frames what the device wants sent (handshakes, keepalives), or holds it for ARP.
    func flushOutbox(_ tx: inout PacketBurst, _ thread: borrowing RegisteredThread, now: WireGuardTime) {
        requeue(device.takeOutbox(), &tx, thread, now: now)
    }

    func requeue(_ datagrams: [OutgoingDatagram], _ tx: inout PacketBurst, _ thread: borrowing RegisteredThread,
                 now: WireGuardTime) {
        for d in datagrams {
            guard case .v4(let ip) = d.endpoint.address else { continue }
            guard let mac = neighbours.mac(for: ip) else {
                if neighbours.hold(d, for: ip, now: now) { sendARPRequest(ip, &tx, thread) }
                continue
            }
            guard var p = port.allocatePacket(on: thread) else { counters.txRingFull += 1; continue }
            do throws(CNEError) {
                try p.setLength(OuterFraming.headerLength + d.bytes.count)
            } catch {
                p.free()
                continue
            }
            p.withMutableBytes { span in
                OuterFraming.writeHeaders(into: &span, payloadLength: d.bytes.count, sourceMAC: localMAC, destinationMAC: mac,
                                          source: local, destination: d.endpoint)
                span.withUnsafeMutableBytes { f in
                    d.bytes.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: f[OuterFraming.headerLength...]).copyMemory(from: $0) }
                }
            }
            if let overflow = tx.append(p) { overflow.free() }
        }
    }

    func sendARPRequest(_ ip: UInt32, _ tx: inout PacketBurst, _ thread: borrowing RegisteredThread) {
        guard var p = port.allocatePacket(on: thread) else { return }
        do throws(CNEError) { try p.setLength(OuterFraming.arpFrameLength) } catch { p.free(); return }
        p.withMutableBytes { span in
            OuterFraming.writeARP(into: &span, op: 1, sourceMAC: localMAC, sourceIP: localIP, targetMAC: .broadcast, targetIP: ip)
        }
        if let overflow = tx.append(p) { overflow.free() }
    }
}
