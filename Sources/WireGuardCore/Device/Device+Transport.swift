/// What ``WireGuardDevice/receive(_:from:now:)`` did with a datagram.
public enum Received {
    /// A handshake message was processed (answers, if any, are in the outbox).
    case handshake(Peer)
    /// An authenticated keepalive.
    case keepalive(Peer)
    /// An authenticated inner IP packet, decrypted in place: these bytes of the buffer.
    case packet(Peer, Range<Int>)
    /// Dropped and counted in ``WireGuardDevice/drops``.
    case dropped
}

/// What ``WireGuardDevice/encrypt(_:packetOffset:packetLength:now:)`` did with an inner packet.
public enum Sent {
    /// Encrypted in place: send these bytes of the buffer to the endpoint.
    case ready(Range<Int>, Endpoint)
    /// No session yet: the packet was copied aside and a handshake started.
    case queued
    /// Dropped and counted.
    case dropped
}

/// Transport data: in place in the caller's buffer, no allocation per packet.
extension WireGuardDevice {
    /// Bytes of header in front of an inner packet: the buffer needs this much headroom.
    public static let headroom = TransportHeader.size
    /// Bytes after an inner packet the buffer needs at most: padding (15) and the tag (16).
    public static let tailroom = 15 + ChaChaPoly.tagSize

    /// Handles one received UDP payload (`buffer`, modified in place) from `source`.
    public func receive(_ buffer: UnsafeMutableRawBufferPointer, from source: Endpoint, now: WireGuardTime) -> Received {
        let b = UnsafeRawBufferPointer(buffer)
        let message: WireGuardMessage
        do {
            message = try WireGuardMessage.parse(b)
        } catch {
            count(.malformed)
            return .dropped
        }
        switch message {
        case .initiation(let m): return receiveInitiation(m, b, from: source, now: now)
        case .response(let m): return receiveResponse(m, b, from: source, now: now)
        case .cookieReply(let m): return receiveCookieReply(m, now: now)
        case .transport(let header): return receiveTransport(header, buffer, from: source, now: now)
        }
    }

    func receiveTransport(_ header: TransportHeader, _ buffer: UnsafeMutableRawBufferPointer, from source: Endpoint,
                          now: WireGuardTime) -> Received {
        guard case .keypair(let keypair) = indices[header.receiver] else {
            count(.unknownIndex)
            return .dropped
        }
        guard now < keypair.created + Timing.rejectAfterTime else {
            count(.expiredKeypair, for: keypair.peer)
            return .dropped
        }
        let base = buffer.baseAddress!
        let sealedLength = buffer.count - TransportHeader.size - ChaChaPoly.tagSize
        guard ChaChaPoly.openInPlace(key: keypair.receiveKey, counter: header.counter, data: base + TransportHeader.size,
                                     count: sealedLength, tag: base + TransportHeader.size + sealedLength) else {
            count(.badAuthentication, for: keypair.peer)
            return .dropped
        }
        guard keypair.replay.accept(header.counter) else {
            count(.replay, for: keypair.peer)
            return .dropped
        }
        let peer = keypair.peer
        if let next = peer.next, next === keypair {
            // The initiator used the new keypair: it has it, so we switch to it too.
            retire(peer.previous)
            peer.previous = peer.current
            peer.current = next
            peer.next = nil
            timersHandshakeComplete(peer, now: now)
            sendStaged(peer, now: now)
        }
        peer.endpoint = source
        peer.rxBytes += UInt64(buffer.count)
        keepKeyFreshReceiving(peer, now: now)
        timersAnyAuthenticatedPacketTraversal(peer, now: now)
        timersAnyAuthenticatedPacketReceived(peer)
        if sealedLength == 0 { return .keepalive(peer) }
        timersDataReceived(peer, now: now)
        let plain = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[TransportHeader.size..<(TransportHeader.size + sealedLength)])
        guard let inner = InnerPacket.addresses(plain) else {
            count(.invalidInnerPacket, for: peer)
            return .dropped
        }
        guard let owner = route(inner.source), owner === peer else {
            count(.disallowedSource, for: peer)
            return .dropped
        }
        return .packet(peer, TransportHeader.size..<(TransportHeader.size + inner.length))
    }

    /// Encrypts the inner IP packet at `buffer[packetOffset..<packetOffset+packetLength]` in place
    /// for the peer its destination routes to. The buffer needs ``headroom`` bytes before the
    /// packet and ``tailroom`` after it.
    public func encrypt(_ buffer: UnsafeMutableRawBufferPointer, packetOffset: Int, packetLength: Int,
                        now: WireGuardTime) -> Sent {
        guard packetOffset >= Self.headroom, packetLength >= 0, packetOffset + packetLength <= buffer.count else {
            count(.noRoom)
            return .dropped
        }
        let packet = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[packetOffset..<(packetOffset + packetLength)])
        guard let inner = InnerPacket.addresses(packet) else {
            count(.invalidInnerPacket)
            return .dropped
        }
        guard let peer = route(inner.destination) else {
            count(.noRoute)
            return .dropped
        }
        guard let endpoint = peer.endpoint else {
            count(.noEndpoint, for: peer)
            return .dropped
        }
        guard let keypair = peer.sendingKeypair(now: now) else {
            if peer.staged.count >= Peer.maxStaged { peer.staged.removeFirst() }
            peer.staged.append(Array(packet))
            sendInitiation(peer, now: now, isRetry: false)
            return .queued
        }
        guard let range = seal(keypair, buffer, packetOffset: packetOffset, packetLength: packetLength) else {
            count(.noRoom)
            return .dropped
        }
        peer.txBytes += UInt64(range.count)
        timersAnyAuthenticatedPacketTraversal(peer, now: now)
        timersAnyAuthenticatedPacketSent(peer)
        if packetLength > 0 { timersDataSent(peer, now: now) }
        keepKeyFreshSending(peer, keypair, now: now)
        return .ready(range, endpoint)
    }

    /// The padded length wireguard-go uses: a multiple of 16, but never past the MTU.
    func paddedLength(_ length: Int) -> Int {
        guard mtu > 0 else { return (length + 15) & ~15 }
        let last = length > mtu ? length % mtu : length
        let padded = min((last + 15) & ~15, mtu)
        return length + max(0, padded - last)
    }

    /// Header, padding, seal, tag, in place. nil when the buffer is too small.
    func seal(_ keypair: Keypair, _ buffer: UnsafeMutableRawBufferPointer, packetOffset: Int, packetLength: Int) -> Range<Int>? {
        let padded = paddedLength(packetLength)
        let end = packetOffset + padded + ChaChaPoly.tagSize
        guard end <= buffer.count, keypair.sendCounter < Timing.rejectAfterMessages else { return nil }
        let base = buffer.baseAddress!
        if padded > packetLength { (base + packetOffset + packetLength).initializeMemory(as: UInt8.self, repeating: 0, count: padded - packetLength) }
        let counter = keypair.sendCounter
        keypair.sendCounter += 1
        TransportHeader(receiver: keypair.remoteIndex, counter: counter).write(to: base + packetOffset - TransportHeader.size)
        ChaChaPoly.sealInPlace(key: keypair.sendKey, counter: counter, data: base + packetOffset, count: padded,
                               tag: base + packetOffset + padded)
        return (packetOffset - TransportHeader.size)..<end
    }

    /// Encrypts a copied packet (staged ones, keepalives) into the outbox.
    func sealIntoOutbox(_ peer: Peer, _ keypair: Keypair, _ packet: [UInt8], now: WireGuardTime) {
        var datagram = [UInt8](repeating: 0, count: Self.headroom + packet.count + Self.tailroom)
        let range = datagram.withUnsafeMutableBytes { b -> Range<Int>? in
            packet.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: b[Self.headroom...]).copyMemory(from: $0) }
            return seal(keypair, b, packetOffset: Self.headroom, packetLength: packet.count)
        }
        guard let range else { return }
        enqueue(Array(datagram[range]), to: peer)
        timersAnyAuthenticatedPacketTraversal(peer, now: now)
        timersAnyAuthenticatedPacketSent(peer)
        if !packet.isEmpty { timersDataSent(peer, now: now) }
    }

    /// Sends staged packets if a session exists (else starts a handshake).
    func sendStaged(_ peer: Peer, now: WireGuardTime) {
        guard !peer.staged.isEmpty else { return }
        guard let keypair = peer.sendingKeypair(now: now) else {
            sendInitiation(peer, now: now, isRetry: false)
            return
        }
        let packets = peer.staged
        peer.staged.removeAll()
        for p in packets { sealIntoOutbox(peer, keypair, p, now: now) }
        keepKeyFreshSending(peer, keypair, now: now)
    }

    /// Sends staged packets, or an empty keepalive when there are none.
    func sendKeepalive(_ peer: Peer, now: WireGuardTime) {
        if !peer.staged.isEmpty {
            sendStaged(peer, now: now)
            return
        }
        guard let keypair = peer.sendingKeypair(now: now) else {
            sendInitiation(peer, now: now, isRetry: false)
            return
        }
        sealIntoOutbox(peer, keypair, [], now: now)
    }
}
