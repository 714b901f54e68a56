import Glibc

/// A WireGuard interface without I/O: the caller hands it datagrams and inner packets (in their
/// own buffers, transformed in place) and the time; it answers with what to send.
///
/// Not `Sendable`: one thread owns a device, as one lcore owns a CNE port.
public final class WireGuardDevice {
    /// Our static public key.
    public let publicKey: Key32
    let privateKey: Key32
    /// The peers, in the order added.
    public internal(set) var peers: [Peer] = []
    var peersByKey: [Key32: Peer] = [:]
    var routes = AllowedIPs<Int>()
    var indices: [UInt32: IndexEntry] = [:]
    var checker: CookieChecker
    var outbox: [OutgoingDatagram] = []
    var loadWindowStart = WireGuardTime(nanoseconds: 0)
    var loadCount = 0
    let wallClock: @Sendable () -> (seconds: UInt64, nanoseconds: UInt32)
    let jitter: () -> Duration
    /// Where handshake ephemeral private keys and local indices come from: fresh randomness.
    /// Internal so a test (through `@testable import`) can replay a captured transcript, which
    /// is bound to the ephemeral key and index the capture used.
    var ephemeralKeys: () -> Key32 = { X25519.generatePrivateKey() }
    var indexSource: () -> UInt32 = { SecureRandom.uint32() }

    /// Handshake messages per second above which the device is "under load" and demands mac2
    /// (answering with cookie replies). 0 demands it always.
    public var cookieThreshold = 1000
    /// The tunnel MTU: padding never makes a packet longer than this.
    public var mtu = 1420
    /// Dropped datagrams and packets by reason.
    public private(set) var drops: [DropReason: UInt64] = [:]

    enum IndexEntry {
        case handshake(Peer)
        case keypair(Keypair)
    }

    /// A device with static private key `privateKey`. `wallClock` gives the Unix time for
    /// handshake timestamps; `jitter` the random delay added to handshake retries.
    public init(privateKey: Key32,
                wallClock: @escaping @Sendable () -> (seconds: UInt64, nanoseconds: UInt32) = WireGuardDevice.systemWallClock,
                jitter: @escaping () -> Duration = { .milliseconds(Int.random(in: 0...334)) }) {
        self.privateKey = privateKey
        self.publicKey = X25519.publicKey(of: privateKey)
        self.checker = CookieChecker(publicKey: publicKey)
        self.wallClock = wallClock
        self.jitter = jitter
    }

    /// The real Unix time.
    public static let systemWallClock: @Sendable () -> (seconds: UInt64, nanoseconds: UInt32) = {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return (UInt64(ts.tv_sec), UInt32(ts.tv_nsec))
    }

    /// Adds a peer; nil when the key is ours, already present, or a low-order point.
    @discardableResult
    public func addPeer(publicKey: Key32, presharedKey: Key32 = Key32(), endpoint: Endpoint? = nil,
                        allowedIPs: [IPPrefix] = [], persistentKeepalive: Int = 0) -> Peer? {
        guard peersByKey[publicKey] == nil, publicKey != self.publicKey,
              let ss = X25519.sharedSecret(privateKey, publicKey) else { return nil }
        let peer = Peer(publicKey: publicKey, presharedKey: presharedKey, staticStatic: ss, endpoint: endpoint,
                        allowedIPs: allowedIPs, persistentKeepalive: persistentKeepalive)
        peers.append(peer)
        peersByKey[publicKey] = peer
        for prefix in allowedIPs { routes.insert(prefix, peers.count - 1) }
        return peer
    }

    /// The peer with this public key.
    public func peer(publicKey: Key32) -> Peer? { peersByKey[publicKey] }

    /// The peer whose AllowedIPs route `address`.
    public func route(_ address: IPAddress) -> Peer? { routes.lookup(address).map { peers[$0] } }

    /// Takes what the device wants sent (handshake messages, keepalives, staged packets).
    public func takeOutbox() -> [OutgoingDatagram] {
        // Called every loop pass: when empty, no allocation (emptying a shared array would).
        guard !outbox.isEmpty else { return [] }
        defer { outbox = [] }
        return outbox
    }

    /// Whether anything waits in the outbox.
    public var hasOutgoing: Bool { !outbox.isEmpty }

    /// Starts what a fresh interface starts: peers with a persistent keepalive and an endpoint
    /// send one at once (which begins a handshake).
    public func start(now: WireGuardTime) {
        for peer in peers where peer.persistentKeepalive > 0 && peer.endpoint != nil {
            sendKeepalive(peer, now: now)
        }
    }

    func count(_ reason: DropReason) { drops[reason, default: 0] += 1 }

    /// Counts a drop that is `peer`'s, for the device and the peer.
    func count(_ reason: DropReason, for peer: Peer) {
        drops[reason, default: 0] += 1
        peer.drops[reason, default: 0] += 1
    }

    func newIndex(_ entry: IndexEntry) -> UInt32 {
        while true {
            let i = indexSource()
            if indices[i] == nil {
                indices[i] = entry
                return i
            }
        }
    }

    /// Forgets a keypair: its index no longer finds it.
    func retire(_ keypair: Keypair?) {
        guard let keypair else { return }
        if case .keypair(let k) = indices[keypair.localIndex], k === keypair {
            indices[keypair.localIndex] = nil
        }
    }

    /// Forgets the handshake in progress, if its index still names it.
    func clearHandshakeIndex(_ peer: Peer) {
        if case .handshake(let p) = indices[peer.handshake.localIndex], p === peer {
            indices[peer.handshake.localIndex] = nil
        }
    }

    func enqueue(_ bytes: [UInt8], to peer: Peer) {
        guard let endpoint = peer.endpoint else {
            count(.noEndpoint)
            return
        }
        peer.txBytes += UInt64(bytes.count)
        outbox.append(OutgoingDatagram(bytes: bytes, endpoint: endpoint))
    }

    /// Whether handshake traffic is heavy enough to demand cookies.
    func underLoad(now: WireGuardTime) -> Bool {
        if now >= loadWindowStart + .seconds(1) {
            loadWindowStart = now
            loadCount = 0
        }
        loadCount += 1
        return loadCount > cookieThreshold
    }
}

/// A datagram for the caller to send.
public struct OutgoingDatagram: Sendable {
    /// The whole UDP payload.
    public var bytes: [UInt8]
    /// Where to.
    public var endpoint: Endpoint

    /// A datagram of `bytes` for `endpoint`.
    public init(bytes: [UInt8], endpoint: Endpoint) {
        self.bytes = bytes
        self.endpoint = endpoint
    }
}
