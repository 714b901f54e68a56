/// The symmetric session a finished handshake yields: a key each way, the send counter and the
/// receive window. A class because the index table and the peer's rotation slots both refer to it.
final class Keypair {
    let sendKey: Key32
    let receiveKey: Key32
    let localIndex: UInt32
    let remoteIndex: UInt32
    let created: WireGuardTime
    let isInitiator: Bool
    var sendCounter: UInt64 = 0
    var replay = ReplayWindow()
    unowned let peer: Peer

    init(sendKey: Key32, receiveKey: Key32, localIndex: UInt32, remoteIndex: UInt32, created: WireGuardTime,
         isInitiator: Bool, peer: Peer) {
        self.sendKey = sendKey
        self.receiveKey = receiveKey
        self.localIndex = localIndex
        self.remoteIndex = remoteIndex
        self.created = created
        self.isInitiator = isInitiator
        self.peer = peer
    }

    /// Whether the keypair may still carry traffic at `now`.
    func isUsable(now: WireGuardTime) -> Bool {
        now < created + Timing.rejectAfterTime && sendCounter < Timing.rejectAfterMessages
    }
}
