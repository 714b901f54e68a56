import CNE
import Glibc
import WireGuardCore

/// Gateway mode: cleartext on one CNE port, ciphertext on another, no TUN. A packet from a
/// clear-side host is routed by the peers' AllowedIPs, encrypted where it lies in its receive
/// buffer (the outer headers go into the buffer's headroom, padding and tag into its
/// tailroom) and sent on the cipher port from that same buffer; a tunnel packet is decrypted
/// in its buffer, framed for the clear side over what were its outer headers, and sent on the
/// clear port. Both ports share one UMEM, so a buffer crosses between them without a copy.
/// Sends go out in bursts; neither direction allocates per packet. ARP for both of our
/// addresses is answered and asked in-process.
struct Gateway: ~Copyable {
    let device: WireGuardDevice
    /// The receive side of both ports: index 0 clear, 1 cipher. Owned by this gateway alone.
    let queues: ReceiveQueues
    var clearPort: Port { queues.ports[0] }
    var cipherPort: Port { queues.ports[1] }
    /// Our outer UDP endpoint, neighbours and framing on the cipher port.
    let outer: OuterLink
    /// Our addresses and neighbours on the clear port (ARP and neighbour discovery).
    let clear: OuterLink
    let route: ClearRoute
    let held = HeldPackets(capacity: 64)
    let counters = GatewayCounters()

    /// Where the inner packet is moved to be encrypted in place: behind room for the longest
    /// outer headers (IPv6) and WireGuard's.
    static let innerOffset = OuterFraming.maxHeaderLength + WireGuardDevice.headroom
    static let burstSize = 64

    init(device: WireGuardDevice, queues: consuming ReceiveQueues, outerAddresses: [IPAddress], udpPort: UInt16,
         clearMAC: MACAddress, cipherMAC: MACAddress, route: ClearRoute) {
        let ports = queues.ports
        self.device = device
        self.queues = queues
        self.route = route
        clear = OuterLink(port: ports[0], mac: clearMAC, addresses: route.addresses, udpPort: 0)
        outer = OuterLink(port: ports[1], mac: cipherMAC, addresses: outerAddresses, udpPort: udpPort)
    }

    func run(on thread: borrowing RegisteredThread, until deadline: WireGuardTime, initiate: Bool,
             status: StatusPrinter, uapi: UAPIServer?, metrics: WireGuardMetrics?) throws(CNEError) {
        var rx = PacketBurst(capacity: Self.burstSize)
        var toClear = PacketBurst(capacity: Self.burstSize)
        var toCipher = PacketBurst(capacity: Self.burstSize)
        if initiate {
            for peer in device.peers { device.initiateHandshake(with: peer, now: monotonicNow()) }
        }
        device.start(now: monotonicNow())
        var waitSet = [pollfd(fd: uapi?.fd ?? -1, events: Int16(POLLIN), revents: 0)]
        for port in queues.ports {
            if let fd = port.receiveDescriptor { waitSet.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0)) }
        }
        var lastStatus = monotonicNow()
        while !stopRequested() {
            let now = monotonicNow()
            if now >= deadline { break }
            var work = try queues.receive(from: 0, into: &rx, on: thread)
            rx.drain { (packet: consuming Packet) in fromClear(packet, &toClear, &toCipher, thread, now: now) }
            try send(&toCipher, on: cipherPort, thread)
            try send(&toClear, on: clearPort, thread)
            let n = try queues.receive(from: 1, into: &rx, on: thread)
            work += n
            rx.drain { (packet: consuming Packet) in fromCipher(packet, &toClear, &toCipher, thread, now: now) }
            rekeyIfRequested(device)
            device.tick(now: now)
            sendOutbox(device.takeOutbox(), &toCipher, thread, now: now)
            counters.noNeighbour += UInt64(held.expire(now: now))
            try send(&toCipher, on: cipherPort, thread)
            try send(&toClear, on: clearPort, thread)
            if work == 0 {
                clearPort.flush(on: thread)
                cipherPort.flush(on: thread)
                _ = poll(&waitSet, nfds_t(waitSet.count), 10)
                if waitSet[0].revents != 0 { uapi?.serve(device, listenPort: outer.udpPort) }
            }
            if now >= lastStatus + .seconds(1) {
                lastStatus = now
                uapi?.serve(device, listenPort: outer.udpPort)   // busy loops never idle: serve here too
                metrics?.publish(device, gateway: counters)
                print(counters.line)
                status.print(device)   // flushes stdout: the lines reach a log file each second
            }
        }
        try send(&toCipher, on: cipherPort, thread)
        try send(&toClear, on: clearPort, thread)
        metrics?.publish(device, gateway: counters)
        print(counters.line)
        status.print(device)
    }

    func send(_ tx: inout PacketBurst, on port: Port, _ thread: borrowing RegisteredThread) throws(CNEError) {
        guard !tx.isEmpty else { return }
        try port.send(&tx, on: thread)
        if !tx.isEmpty {
            counters.txRingFull += UInt64(tx.count)
            tx.removeAll()
        }
    }

    /// Appends to a burst, sending the burst first when it is full.
    func push(_ packet: consuming Packet, _ tx: inout PacketBurst, on port: Port, _ thread: borrowing RegisteredThread) {
        if tx.freeCapacity == 0 { try? send(&tx, on: port, thread) }
        if let overflow = tx.append(packet) {
            counters.txRingFull += 1
            overflow.free()
        }
    }

    // MARK: clear -> tunnel

    /// One clear-side frame: neighbour traffic answered or learnt, an IP packet routed into the
    /// tunnel (or answered with an ICMP error), the rest dropped.
    func fromClear(_ packet: consuming Packet, _ toClear: inout PacketBurst, _ toCipher: inout PacketBurst,
                   _ thread: borrowing RegisteredThread, now: WireGuardTime) {
        var p = packet
        switch p.withBytes({ ClearFraming.classify($0, localIP: clear.ipv4, localIPv6: clear.ipv6, localMAC: clear.mac) }) {
        case .neighbour(let frame):
            var released: [OutgoingDatagram] = []   // none: the clear side holds packets, not datagrams
            let result = clear.handleNeighbourFrame(&p, frame, released: &released)
            if let (ip, mac) = frame.learnt {
                counters.releasedAfterARP += UInt64(held.release(ip, to: mac, into: &toClear))
            }
            switch result {
            case .answer:
                counters.arpAnswered += 1
                push(p, &toClear, on: clearPort, thread)
            case .learnt:
                break
            case .notNeighbour:
                counters.notForUs += 1
            }
        case .ipv4(let header):
            if header.totalLength > device.mtu {
                // The tunnel cannot carry it and the gateway does not fragment: with DF set the
                // sender learns the path MTU from our answer.
                guard header.dontFragment else {
                    counters.tooBig += 1
                    return
                }
                answer(p, ipv4: header, ICMPErrors.fragmentationNeeded, word: UInt32(device.mtu), &toClear, thread)
                return
            }
            guard header.timeToLive > 1 else {
                counters.ttlExpired += 1
                answer(p, ipv4: header, ICMPErrors.timeExceeded, word: 0, &toClear, thread)
                return
            }
            p.withMutableBytes { header.setTimeToLive(header.timeToLive - 1, in: &$0) }
            encryptForward(p, at: header.offset, length: header.totalLength, &toCipher, thread, now: now)
        case .ipv6(let header):
            let length = IPv6Header.length + header.payloadLength
            if length > device.mtu {
                answer(p, ipv6: header, ICMPErrors.packetTooBig, word: UInt32(device.mtu), &toClear, thread)
                return
            }
            guard header.hopLimit > 1 else {
                counters.ttlExpired += 1
                answer(p, ipv6: header, ICMPErrors.hopLimitExceeded, word: 0, &toClear, thread)
                return
            }
            p.withMutableBytes { header.setHopLimit(header.hopLimit - 1, in: &$0) }
            encryptForward(p, at: header.offset, length: length, &toCipher, thread, now: now)
        case .other:
            counters.notForUs += 1
        }
    }

    /// Sends the ICMPv4 error `type` about `packet` back to its sender, written over it.
    func answer(_ packet: consuming Packet, ipv4 header: IPv4Header, _ type: (type: UInt8, code: UInt8), word: UInt32,
                _ toClear: inout PacketBurst, _ thread: borrowing RegisteredThread) {
        var p = packet
        guard let own = clear.ipv4, let ethernet = p.withBytes({ try? EthernetHeader(parsing: $0) }) else { return }
        // The error puts an IPv4 and an ICMP header in front of what it quotes.
        do throws(CNEError) { try p.append(min(p.tailroom, IPv4Header.minimumLength + ICMPv4Header.length)) } catch { return }
        let length = p.withMutableBytes { span in
            ICMPErrors.ipv4Error(in: &span, ethernet: ethernet, ip: header, type: type, word: word,
                                 source: IPv4Address(own), mac: clear.mac)
        }
        send(p, length: length, &toClear, thread)
    }

    /// Sends the ICMPv6 error `type` about `packet` back to its sender, written over it.
    func answer(_ packet: consuming Packet, ipv6 header: IPv6Header, _ type: UInt8, word: UInt32,
                _ toClear: inout PacketBurst, _ thread: borrowing RegisteredThread) {
        var p = packet
        guard let own = clear.ipv6, let ethernet = p.withBytes({ try? EthernetHeader(parsing: $0) }) else { return }
        // The error puts an IPv6 and an ICMPv6 header in front of what it quotes.
        do throws(CNEError) { try p.append(min(p.tailroom, IPv6Header.length + ICMPv6Header.length)) } catch { return }
        let length = p.withMutableBytes { span in
            ICMPErrors.ipv6Error(in: &span, ethernet: ethernet, ip: header, type: type, word: word, source: own, mac: clear.mac)
        }
        send(p, length: length, &toClear, thread)
    }

    /// Sends an ICMP error frame of `length` bytes (none when it was not to be sent).
    func send(_ packet: consuming Packet, length: Int?, _ toClear: inout PacketBurst, _ thread: borrowing RegisteredThread) {
        var p = packet
        guard let length else { return }
        do throws(CNEError) { try p.setLength(length) } catch { return }
        counters.icmpSent += 1
        push(p, &toClear, on: clearPort, thread)
    }

    /// Routes, encrypts and frames one clear-side IP packet (at `offset`, `innerLength` bytes,
    /// its TTL or hop limit already taken down) in its own buffer.
    func encryptForward(_ packet: consuming Packet, at offset: Int, length innerLength: Int, _ toCipher: inout PacketBurst,
                        _ thread: borrowing RegisteredThread, now: WireGuardTime) {
        var p = packet
        let shift = Self.innerOffset - offset
        do throws(CNEError) {
            // The outer headers go in front, padding and tag behind: both inside the buffer.
            try p.prepend(shift)
            try p.setLength(Self.innerOffset + innerLength + WireGuardDevice.tailroom)
        } catch {
            counters.noRoom += 1
            return
        }
        let result = p.withMutableBytes { span in
            span.withUnsafeMutableBytes { f in
                device.encrypt(f, packetOffset: Self.innerOffset, packetLength: innerLength, now: now)
            }
        }
        guard case .ready(let range, let endpoint) = result else { return }   // queued (copied) or counted
        switch outer.frame(&p, message: range, to: endpoint, tx: &toCipher, on: thread, now: now) {
        case .ready:
            counters.encrypted += 1
            push(p, &toCipher, on: cipherPort, thread)
        case .noNeighbour:
            counters.noNeighbour += 1
        case .cannot:
            counters.noRoom += 1
        }
    }

    // MARK: tunnel -> clear

    func fromCipher(_ packet: consuming Packet, _ toClear: inout PacketBurst, _ toCipher: inout PacketBurst,
                    _ thread: borrowing RegisteredThread, now: WireGuardTime) {
        var p = packet
        let frame = p.withBytes { outer.classify($0) }
        if case .wireGuard(let payload, let source, let mac) = frame {
            sendOutbox(outer.learn(from: source, mac: mac), &toCipher, thread, now: now)
            decryptForward(p, payload: payload, source: source, &toClear, thread, now: now)
            return
        }
        var released: [OutgoingDatagram] = []
        switch outer.handleNeighbourFrame(&p, frame, released: &released) {
        case .answer:
            counters.arpAnswered += 1
            push(p, &toCipher, on: cipherPort, thread)
        case .learnt:
            break
        case .notNeighbour:
            counters.notForUs += 1
        }
        sendOutbox(released, &toCipher, thread, now: now)
    }

    /// Decrypts one tunnel datagram in its buffer and frames the inner packet for the clear
    /// side over the outer headers.
    func decryptForward(_ packet: consuming Packet, payload: Range<Int>, source: Endpoint, _ toClear: inout PacketBurst,
                        _ thread: borrowing RegisteredThread, now: WireGuardTime) {
        var p = packet
        let result = p.withMutableBytes { span in
            span.withUnsafeMutableBytes { f in
                device.receive(UnsafeMutableRawBufferPointer(rebasing: f[payload]), from: source, now: now)
            }
        }
        guard case .packet(_, let range) = result else { return }   // handshakes answer through the outbox
        let inner = payload.lowerBound + range.lowerBound
        guard let (destination, length, etherType) = prepareInner(&p, at: inner) else { return }
        let frameStart = inner - EthernetHeader.minimumLength
        do throws(CNEError) {
            try p.removeFirst(frameStart)
            try p.setLength(EthernetHeader.minimumLength + length)
        } catch {
            counters.noRoom += 1
            return
        }
        guard let nextHop = route.neighbour(for: destination) else {
            counters.noClearRoute += 1
            return
        }
        let mac = clear.neighbours.mac(for: nextHop)
        p.withMutableBytes { span in
            EthernetHeader.write(destination: mac ?? .zero, source: clear.mac, etherType: etherType, into: &span)
        }
        guard mac != nil else {
            counters.noNeighbour += UInt64(held.hold(p, for: nextHop, now: now))
            if clear.neighbours.shouldAsk(nextHop, now: now) { clear.ask(nextHop, into: &toClear, on: thread) }
            return
        }
        counters.decrypted += 1
        push(p, &toClear, on: clearPort, thread)
    }

    /// Reads the decrypted inner packet at `inner` (IPv4 or IPv6: the core checked that it is
    /// one whole packet) and takes one off its TTL or hop limit. Returns its destination, its
    /// length and the EtherType to frame it with, or nil when it must not be forwarded.
    func prepareInner(_ p: inout Packet, at inner: Int) -> (IPAddress, Int, EtherType)? {
        if let header = p.withBytes({ try? IPv4Header(parsing: $0, at: inner) }) {
            guard header.timeToLive > 1 else {
                counters.ttlExpired += 1
                return nil
            }
            p.withMutableBytes { header.setTimeToLive(header.timeToLive - 1, in: &$0) }
            return (.v4(header.destination.value), header.totalLength, .ipv4)
        }
        if let header = p.withBytes({ try? IPv6Header(parsing: $0, at: inner) }) {
            guard header.hopLimit > 1 else {
                counters.ttlExpired += 1
                return nil
            }
            p.withMutableBytes { header.setHopLimit(header.hopLimit - 1, in: &$0) }
            return (IPAddress(header.destination), IPv6Header.length + header.payloadLength, .ipv6)
        }
        counters.innerNotIP += 1
        return nil
    }

    // MARK: the device's own datagrams

    /// Frames what the device wants sent (handshakes, keepalives, staged packets: copies, few)
    /// in fresh buffers, or holds it until the cipher side resolves the peer.
    func sendOutbox(_ datagrams: [OutgoingDatagram], _ toCipher: inout PacketBurst, _ thread: borrowing RegisteredThread,
                    now: WireGuardTime) {
        guard !datagrams.isEmpty else { return }
        if toCipher.freeCapacity < datagrams.count { try? send(&toCipher, on: cipherPort, thread) }
        counters.noRoom += UInt64(outer.send(datagrams, into: &toCipher, on: thread, now: now))
    }
}
