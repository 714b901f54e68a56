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
    /// Our addresses, neighbours and framing on the port.
    let link: OuterLink
    /// Frames dropped by the framing layer (not for us, no neighbour, ring full).
    final class Counters {
        var notForUs: UInt64 = 0
        var noNeighbour: UInt64 = 0
        var txRingFull: UInt64 = 0
    }
    let counters = Counters()

    init(device: WireGuardDevice, queues: consuming ReceiveQueues, tun: consuming TunDevice, link: OuterLink) {
        self.device = device
        self.queues = queues
        self.tun = tun
        self.link = link
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
                switch encryptFromTun(&packet, &tx, thread, now: now) {
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
                if waitSet[1].revents != 0 { uapi?.serve(device, listenPort: link.udpPort) }
            }
            if now >= lastStatus + .seconds(1) {
                lastStatus = now
                uapi?.serve(device, listenPort: link.udpPort)   // busy loops never idle: serve here too
                metrics?.publish(device)
                printFramingCounters()
                status.print(device)   // flushes stdout: the lines reach a log file each second
            }
        }
        try send(&tx, thread)
        metrics?.publish(device)
        printFramingCounters()
        status.print(device)
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

    /// One received frame: ARP and neighbour discovery answered or learnt, WireGuard decrypted
    /// in place, the rest dropped.
    func handleFrame(_ packet: consuming Packet, _ tx: inout PacketBurst, _ thread: borrowing RegisteredThread, now: WireGuardTime) {
        var p = packet
        let frame = p.withBytes { link.classify($0) }
        if case .wireGuard(let payload, let source, let mac) = frame {
            requeue(link.learn(from: source, mac: mac), &tx, thread, now: now)
            p.withMutableBytes { span in
                span.withUnsafeMutableBytes { f in
                    let datagram = UnsafeMutableRawBufferPointer(rebasing: f[payload])
                    if case .packet(_, let range) = device.receive(datagram, from: source, now: now) {
                        tun.write(UnsafeRawBufferPointer(rebasing: datagram[range]))
                    }
                }
            }
            return
        }
        var released: [OutgoingDatagram] = []
        switch link.handleNeighbourFrame(&p, frame, released: &released) {
        case .answer:
            push(p, &tx, thread)
        case .learnt:
            break
        case .notNeighbour:
            counters.notForUs += 1
        }
        requeue(released, &tx, thread, now: now)
    }

    /// Where a TUN packet is read to: behind room for the longest outer headers (IPv6) and
    /// WireGuard's; IPv4 frames then start 20 bytes into the buffer.
    static let innerOffset = OuterFraming.maxHeaderLength + WireGuardDevice.headroom

    /// Reads one inner packet from the TUN into `packet` behind room for every header, and
    /// encrypts and frames it there.
    func encryptFromTun(_ packet: inout Packet, _ tx: inout PacketBurst, _ thread: borrowing RegisteredThread,
                        now: WireGuardTime) -> TunRead {
        do throws(CNEError) {
            try packet.setLength(packet.length + packet.tailroom)
        } catch {
            return .empty
        }
        let offset = Self.innerOffset
        var read = true
        let result = packet.withMutableBytes { span in
            span.withUnsafeMutableBytes { f -> Sent in
                guard f.count > offset + WireGuardDevice.tailroom,
                      let n = tun.read(into: UnsafeMutableRawBufferPointer(rebasing: f[offset..<(f.count - WireGuardDevice.tailroom)])) else {
                    read = false
                    return .dropped
                }
                return device.encrypt(f, packetOffset: offset, packetLength: n, now: now)
            }
        }
        guard read else { return .empty }
        guard case .ready(let range, let endpoint) = result else { return .dropped }
        switch link.frame(&packet, message: range, to: endpoint, tx: &tx, on: thread, now: now) {
        case .ready:
            return .sent
        case .noNeighbour, .cannot:
            counters.noNeighbour += 1
            return .dropped
        }
    }

    /// Frames what the device wants sent (handshakes, keepalives), or holds it for ARP.
    func flushOutbox(_ tx: inout PacketBurst, _ thread: borrowing RegisteredThread, now: WireGuardTime) {
        requeue(device.takeOutbox(), &tx, thread, now: now)
    }

    func requeue(_ datagrams: [OutgoingDatagram], _ tx: inout PacketBurst, _ thread: borrowing RegisteredThread,
                 now: WireGuardTime) {
        guard !datagrams.isEmpty else { return }
        if tx.freeCapacity < datagrams.count { try? send(&tx, thread) }
        counters.txRingFull += UInt64(link.send(datagrams, into: &tx, on: thread, now: now))
    }
}
