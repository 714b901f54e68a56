/// The protocol's timers (whitepaper section 6.5; wireguard-go's timers.go): events arm and
/// disarm deadlines, ``WireGuardDevice/tick(now:)`` fires the ones that passed.
extension WireGuardDevice {
    /// Fires every timer whose deadline is at or before `now`. Call it often (every 100 ms or
    /// on every loop pass); what it sends lands in the outbox.
    public func tick(now: WireGuardTime) {
        for peer in peers {
            if let t = peer.timers.retransmitHandshake, now >= t {
                peer.timers.retransmitHandshake = nil
                if peer.timers.handshakeAttempts >= Timing.maxHandshakeAttempts {
                    // Give up: drop what waited for this session, and forget keys later.
                    peer.staged.removeAll()
                    clearHandshakeIndex(peer)
                    if peer.timers.zeroKeyMaterial == nil {
                        peer.timers.zeroKeyMaterial = now + Timing.rejectAfterTime * 3
                    }
                } else {
                    peer.timers.handshakeAttempts += 1
                    sendInitiation(peer, now: now, isRetry: true)
                }
            }
            if let t = peer.timers.sendKeepalive, now >= t {
                peer.timers.sendKeepalive = nil
                sendKeepalive(peer, now: now)
                if peer.timers.needAnotherKeepalive {
                    peer.timers.needAnotherKeepalive = false
                    peer.timers.sendKeepalive = now + Timing.keepaliveTimeout
                }
            }
            if let t = peer.timers.newHandshake, now >= t {
                peer.timers.newHandshake = nil
                sendInitiation(peer, now: now, isRetry: false)
            }
            if let t = peer.timers.zeroKeyMaterial, now >= t {
                peer.timers.zeroKeyMaterial = nil
                retire(peer.previous)
                retire(peer.current)
                retire(peer.next)
                peer.previous = nil
                peer.current = nil
                peer.next = nil
                clearHandshakeIndex(peer)
                peer.handshake.stage = .zeroed
            }
            if let t = peer.timers.persistentKeepalive, now >= t {
                peer.timers.persistentKeepalive = nil
                sendKeepalive(peer, now: now)
            }
        }
    }

    /// The earliest armed deadline, so a caller can sleep until then.
    public func nextDeadline() -> WireGuardTime? {
        peers.flatMap { p in
            [p.timers.retransmitHandshake, p.timers.sendKeepalive, p.timers.newHandshake,
             p.timers.zeroKeyMaterial, p.timers.persistentKeepalive].compactMap { $0 }
        }.min()
    }

    func timersDataSent(_ peer: Peer, now: WireGuardTime) {
        if peer.timers.newHandshake == nil {
            peer.timers.newHandshake = now + Timing.keepaliveTimeout + Timing.rekeyTimeout + jitter()
        }
    }

    func timersDataReceived(_ peer: Peer, now: WireGuardTime) {
        if peer.timers.sendKeepalive == nil {
            peer.timers.sendKeepalive = now + Timing.keepaliveTimeout
        } else {
            peer.timers.needAnotherKeepalive = true
        }
    }

    func timersAnyAuthenticatedPacketSent(_ peer: Peer) {
        peer.timers.sendKeepalive = nil
    }

    func timersAnyAuthenticatedPacketReceived(_ peer: Peer) {
        peer.timers.newHandshake = nil
    }

    func timersHandshakeComplete(_ peer: Peer, now: WireGuardTime) {
        peer.timers.retransmitHandshake = nil
        peer.timers.handshakeAttempts = 0
        peer.lastHandshake = now
        peer.handshakesCompleted += 1
    }

    func timersSessionDerived(_ peer: Peer, now: WireGuardTime) {
        peer.timers.zeroKeyMaterial = now + Timing.rejectAfterTime * 3
    }

    func timersAnyAuthenticatedPacketTraversal(_ peer: Peer, now: WireGuardTime) {
        if peer.persistentKeepalive > 0 {
            peer.timers.persistentKeepalive = now + .seconds(peer.persistentKeepalive)
        }
    }

    /// The initiator rekeys a keypair that is old or has carried many messages.
    func keepKeyFreshSending(_ peer: Peer, _ keypair: Keypair, now: WireGuardTime) {
        if keypair.isInitiator && (keypair.sendCounter > Timing.rekeyAfterMessages || now >= keypair.created + Timing.rekeyAfterTime) {
            sendInitiation(peer, now: now, isRetry: false)
        }
    }

    /// A receiving initiator whose keypair nears its reject age starts one last handshake.
    func keepKeyFreshReceiving(_ peer: Peer, now: WireGuardTime) {
        guard !peer.timers.sentLastMinuteHandshake, let keypair = peer.current, keypair.isInitiator,
              now >= keypair.created + (Timing.rejectAfterTime - Timing.keepaliveTimeout - Timing.rekeyTimeout) else { return }
        peer.timers.sentLastMinuteHandshake = true
        sendInitiation(peer, now: now, isRetry: false)
    }
}
