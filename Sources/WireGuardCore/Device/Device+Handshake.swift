/// Handshake messages: sending initiations, answering them, finishing on responses, cookies.
extension WireGuardDevice {
    /// Starts a handshake with `peer` now (unless one was sent less than 5 s ago).
    public func initiateHandshake(with peer: Peer, now: WireGuardTime) {
        sendInitiation(peer, now: now, isRetry: false)
    }

    func sendInitiation(_ peer: Peer, now: WireGuardTime, isRetry: Bool) {
        if !isRetry { peer.timers.handshakeAttempts = 0 }
        if let last = peer.handshake.lastInitiationSent, now < last + Timing.rekeyTimeout { return }
        guard peer.endpoint != nil else {
            count(.noEndpoint)
            return
        }
        peer.handshake.lastInitiationSent = now
        clearHandshakeIndex(peer)
        let index = newIndex(.handshake(peer))
        let wall = wallClock()
        guard let message = Noise.createInitiation(
            localStatic: privateKey, localStaticPublic: publicKey, remoteStatic: peer.publicKey,
            staticStatic: peer.staticStatic, ephemeral: ephemeralKeys(),
            timestamp: TAI64N.encode(unixSeconds: wall.seconds, nanoseconds: wall.nanoseconds),
            sender: index, state: &peer.handshake) else {
            indices[index] = nil
            return
        }
        var bytes = message.bytes
        peer.cookies.addMACs(&bytes, mac1Offset: HandshakeInitiation.mac1Offset, now: now)
        enqueue(bytes, to: peer)
        timersAnyAuthenticatedPacketTraversal(peer, now: now)
        timersAnyAuthenticatedPacketSent(peer)
        peer.timers.retransmitHandshake = now + Timing.rekeyTimeout + jitter()
    }

    /// mac1 and, under load, mac2; false when the message must not be processed further.
    func admitHandshake(_ b: UnsafeRawBufferPointer, mac1Offset: Int, sender: UInt32, from source: Endpoint,
                        now: WireGuardTime) -> Bool {
        guard checker.checkMAC1(b, mac1Offset: mac1Offset) else {
            count(.badMAC1)
            return false
        }
        if underLoad(now: now), !checker.checkMAC2(b, mac2Offset: mac1Offset + 16, source: source.cookieSource, now: now) {
            if let reply = checker.makeReply(to: b, mac1Offset: mac1Offset, receiver: sender, source: source.cookieSource, now: now) {
                outbox.append(OutgoingDatagram(bytes: reply.bytes, endpoint: source))
            }
            count(.cookieSent)
            return false
        }
        return true
    }

    func receiveInitiation(_ m: HandshakeInitiation, _ b: UnsafeRawBufferPointer, from source: Endpoint,
                           now: WireGuardTime) -> Received {
        guard admitHandshake(b, mac1Offset: HandshakeInitiation.mac1Offset, sender: m.sender, from: source, now: now) else {
            return .dropped
        }
        guard let consumed = Noise.consumeInitiation(m, localStatic: privateKey, localStaticPublic: publicKey,
                                                     staticStatic: { self.peersByKey[$0]?.staticStatic }),
              let peer = peersByKey[consumed.remoteStatic] else {
            count(.handshakeFailed)
            return .dropped
        }
        guard TAI64N.isAfter(consumed.timestamp, peer.handshake.lastTimestamp) else {
            count(.replayedInitiation)
            return .dropped
        }
        if let last = peer.handshake.lastInitiationConsumed, now < last + Timing.handshakeInitiationRate {
            count(.initiationFlood)
            return .dropped
        }
        clearHandshakeIndex(peer)
        peer.handshake.stage = .initiationConsumed
        peer.handshake.chainKey = consumed.chainKey
        peer.handshake.hash = consumed.hash
        peer.handshake.remoteEphemeral = consumed.remoteEphemeral
        peer.handshake.remoteIndex = consumed.sender
        peer.handshake.lastTimestamp = consumed.timestamp
        peer.handshake.lastInitiationConsumed = now
        peer.endpoint = source
        peer.rxBytes += UInt64(b.count)
        timersAnyAuthenticatedPacketTraversal(peer, now: now)
        timersAnyAuthenticatedPacketReceived(peer)

        let index = newIndex(.handshake(peer))
        guard let response = Noise.createResponse(state: &peer.handshake, remoteStatic: peer.publicKey,
                                                  presharedKey: peer.presharedKey,
                                                  ephemeral: ephemeralKeys(), sender: index) else {
            indices[index] = nil
            count(.handshakeFailed)
            return .dropped
        }
        var bytes = response.bytes
        peer.cookies.addMACs(&bytes, mac1Offset: HandshakeResponse.mac1Offset, now: now)
        let keys = Noise.deriveTransportKeys(state: &peer.handshake, isInitiator: false)
        installKeypair(peer, send: keys.send, receive: keys.receive, localIndex: index,
                       remoteIndex: consumed.sender, isInitiator: false, now: now)
        enqueue(bytes, to: peer)
        timersSessionDerived(peer, now: now)
        timersAnyAuthenticatedPacketTraversal(peer, now: now)
        timersAnyAuthenticatedPacketSent(peer)
        return .handshake(peer)
    }

    func receiveResponse(_ m: HandshakeResponse, _ b: UnsafeRawBufferPointer, from source: Endpoint,
                         now: WireGuardTime) -> Received {
        guard admitHandshake(b, mac1Offset: HandshakeResponse.mac1Offset, sender: m.sender, from: source, now: now) else {
            return .dropped
        }
        guard case .handshake(let peer) = indices[m.receiver] else {
            count(.unexpectedResponse)
            return .dropped
        }
        guard Noise.consumeResponse(m, state: &peer.handshake, localStatic: privateKey, presharedKey: peer.presharedKey) else {
            count(.handshakeFailed)
            return .dropped
        }
        peer.endpoint = source
        peer.rxBytes += UInt64(b.count)
        timersAnyAuthenticatedPacketTraversal(peer, now: now)
        timersAnyAuthenticatedPacketReceived(peer)
        let localIndex = peer.handshake.localIndex
        let keys = Noise.deriveTransportKeys(state: &peer.handshake, isInitiator: true)
        installKeypair(peer, send: keys.send, receive: keys.receive, localIndex: localIndex,
                       remoteIndex: m.sender, isInitiator: true, now: now)
        timersSessionDerived(peer, now: now)
        timersHandshakeComplete(peer, now: now)
        peer.timers.sentLastMinuteHandshake = false
        sendKeepalive(peer, now: now)
        return .handshake(peer)
    }

    func receiveCookieReply(_ m: CookieReply, now: WireGuardTime) -> Received {
        let peer: Peer
        switch indices[m.receiver] {
        case .handshake(let p): peer = p
        case .keypair(let k): peer = k.peer
        case nil:
            count(.unknownIndex)
            return .dropped
        }
        guard peer.cookies.consume(m, now: now) else {
            count(.badCookie)
            return .dropped
        }
        return .handshake(peer)
    }

    /// Puts a new keypair in the rotation: the initiator uses it at once; the responder holds it
    /// as `next` until the initiator's first data packet proves the initiator has it too.
    func installKeypair(_ peer: Peer, send: Key32, receive: Key32, localIndex: UInt32, remoteIndex: UInt32,
                        isInitiator: Bool, now: WireGuardTime) {
        let keypair = Keypair(sendKey: send, receiveKey: receive, localIndex: localIndex, remoteIndex: remoteIndex,
                              created: now, isInitiator: isInitiator, peer: peer)
        indices[localIndex] = .keypair(keypair)
        if isInitiator {
            retire(peer.previous)
            if let next = peer.next {
                peer.next = nil
                peer.previous = next
                retire(peer.current)
            } else {
                peer.previous = peer.current
            }
            peer.current = keypair
        } else {
            retire(peer.next)
            peer.next = keypair
            retire(peer.previous)
            peer.previous = nil
        }
    }
}
