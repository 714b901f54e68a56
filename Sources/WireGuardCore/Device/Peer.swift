/// One configured peer: its keys, endpoint, allowed prefixes, handshake, keypairs and timers.
/// Owned by a ``WireGuardDevice``; read its counters through the device's thread.
public final class Peer {
    /// The peer's static public key: its identity.
    public let publicKey: Key32
    /// The preshared key (zero when none).
    var presharedKey: Key32
    /// DH(our static, its static), computed once.
    let staticStatic: Key32
    /// Where to send; learnt from authenticated packets (roaming) when not configured.
    public internal(set) var endpoint: Endpoint?
    /// The prefixes it may send from and that are routed to it.
    public internal(set) var allowedIPs: [IPPrefix]
    /// Seconds between keepalives sent regardless of traffic (0: off).
    public internal(set) var persistentKeepalive: Int

    var handshake = HandshakeState()
    var cookies: CookieGenerator
    var current: Keypair?
    var previous: Keypair?
    var next: Keypair?
    var timers = PeerTimers()
    /// Packets waiting for a session (copied; only while no keypair exists).
    var staged: [[UInt8]] = []
    static let maxStaged = 128

    /// Bytes received and sent, counting whole datagrams as `wg show` does.
    public internal(set) var rxBytes: UInt64 = 0, txBytes: UInt64 = 0
    /// When the last handshake finished, on the device's clock.
    public internal(set) var lastHandshake: WireGuardTime?
    /// Handshakes completed (either side initiating).
    public internal(set) var handshakesCompleted = 0
    /// What was dropped that is this peer's by reason: transport data under its keypairs that
    /// failed (authentication, replay, age, inner source), and packets for it without an
    /// endpoint. Also counted in the device's ``WireGuardDevice/drops``.
    public internal(set) var drops: [DropReason: UInt64] = [:]

    init(publicKey: Key32, presharedKey: Key32, staticStatic: Key32, endpoint: Endpoint?, allowedIPs: [IPPrefix],
         persistentKeepalive: Int) {
        self.publicKey = publicKey
        self.presharedKey = presharedKey
        self.staticStatic = staticStatic
        self.endpoint = endpoint
        self.allowedIPs = allowedIPs
        self.persistentKeepalive = persistentKeepalive
        self.cookies = CookieGenerator(remotePublicKey: publicKey)
    }

    /// The keypair that carries our traffic now, when still usable.
    func sendingKeypair(now: WireGuardTime) -> Keypair? {
        guard let k = current, k.isUsable(now: now) else { return nil }
        return k
    }
}

/// The deadlines of one peer's timers (nil: not armed), wireguard-go's timers.go as data.
struct PeerTimers {
    var retransmitHandshake: WireGuardTime?
    var sendKeepalive: WireGuardTime?
    var newHandshake: WireGuardTime?
    var zeroKeyMaterial: WireGuardTime?
    var persistentKeepalive: WireGuardTime?
    var handshakeAttempts = 0
    var needAnotherKeepalive = false
    var sentLastMinuteHandshake = false
}
