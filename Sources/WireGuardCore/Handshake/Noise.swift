/// Noise_IKpsk2_25519_ChaChaPoly_BLAKE2s as WireGuard uses it: the four steps of the handshake
/// as functions of explicit state, so each can be tested against a transcript.
enum Noise {
    static let construction = Array("Noise_IKpsk2_25519_ChaChaPoly_BLAKE2s".utf8)
    static let identifier = Array("WireGuard v1 zx2c4 Jason@zx2c4.com".utf8)
    /// C0 = HASH(construction).
    static let initialChainKey: Key32 = construction.withUnsafeBytes { Blake2s.hash($0) }
    /// H0 = HASH(C0 || identifier).
    static let initialHash: Key32 = identifier.withUnsafeBytes { Blake2s.hash(initialChainKey, $0) }

    static func mixHash(_ h: inout Key32, _ data: [UInt8]) {
        h = data.withUnsafeBytes { Blake2s.hash(h, $0) }
    }

    static func mixHash(_ h: inout Key32, _ k: Key32) { h = Blake2s.hash(h, k) }

    static func seal(_ key: Key32, _ plaintext: [UInt8], _ h: Key32) -> [UInt8] {
        h.withUnsafeBytes { ChaChaPoly.seal(key: key, counter: 0, plaintext: plaintext, aad: $0) }
    }

    static func open(_ key: Key32, _ sealed: [UInt8], _ h: Key32) -> [UInt8]? {
        h.withUnsafeBytes { ChaChaPoly.open(key: key, counter: 0, sealed: sealed, aad: $0) }
    }

    /// Initiator, message 1. `staticStatic` is DH(S_i, S_r), computed once per peer.
    static func createInitiation(localStatic: Key32, localStaticPublic: Key32, remoteStatic: Key32,
                                 staticStatic: Key32, ephemeral: Key32, timestamp: [UInt8],
                                 sender: UInt32, state: inout HandshakeState) -> HandshakeInitiation? {
        var c = initialChainKey
        var h = Blake2s.hash(initialHash, remoteStatic)
        let ephemeralPublic = X25519.publicKey(of: ephemeral)
        c = KDF.kdf1(c, ephemeralPublic)
        mixHash(&h, ephemeralPublic)
        guard let es = X25519.sharedSecret(ephemeral, remoteStatic) else { return nil }
        var (c1, k) = KDF.kdf2(c, es)
        c = c1
        let encryptedStatic = seal(k, localStaticPublic.bytes, h)
        mixHash(&h, encryptedStatic)
        (c1, k) = KDF.kdf2(c, staticStatic)
        c = c1
        let encryptedTimestamp = seal(k, timestamp, h)
        mixHash(&h, encryptedTimestamp)
        state.stage = .initiationCreated
        state.chainKey = c
        state.hash = h
        state.localEphemeral = ephemeral
        state.localIndex = sender
        return HandshakeInitiation(sender: sender, ephemeral: ephemeralPublic,
                                   encryptedStatic: encryptedStatic, encryptedTimestamp: encryptedTimestamp)
    }

    /// What the responder learns from message 1 before it knows which peer sent it.
    struct ConsumedInitiation {
        var remoteStatic: Key32
        var remoteEphemeral: Key32
        var chainKey: Key32
        var hash: Key32
        var timestamp: [UInt8]
        var sender: UInt32
    }

    /// Responder, message 1. `staticStatic` maps the initiator's static key (once decrypted) to
    /// DH(S_r, S_i) for a known peer, or nil for an unknown one.
    static func consumeInitiation(_ m: HandshakeInitiation, localStatic: Key32, localStaticPublic: Key32,
                                  staticStatic: (Key32) -> Key32?) -> ConsumedInitiation? {
        var c = initialChainKey
        var h = Blake2s.hash(initialHash, localStaticPublic)
        c = KDF.kdf1(c, m.ephemeral)
        mixHash(&h, m.ephemeral)
        guard let es = X25519.sharedSecret(localStatic, m.ephemeral) else { return nil }
        var (c1, k) = KDF.kdf2(c, es)
        c = c1
        guard let staticBytes = open(k, m.encryptedStatic, h), let remoteStatic = Key32(bytes: staticBytes) else { return nil }
        mixHash(&h, m.encryptedStatic)
        guard let ss = staticStatic(remoteStatic) else { return nil }
        (c1, k) = KDF.kdf2(c, ss)
        c = c1
        guard let timestamp = open(k, m.encryptedTimestamp, h) else { return nil }
        mixHash(&h, m.encryptedTimestamp)
        return ConsumedInitiation(remoteStatic: remoteStatic, remoteEphemeral: m.ephemeral, chainKey: c,
                                  hash: h, timestamp: timestamp, sender: m.sender)
    }

    /// Responder, message 2, from the state `consumeInitiation` left.
    static func createResponse(state: inout HandshakeState, remoteStatic: Key32, presharedKey: Key32,
                               ephemeral: Key32, sender: UInt32) -> HandshakeResponse? {
        guard state.stage == .initiationConsumed else { return nil }
        var c = state.chainKey
        var h = state.hash
        let ephemeralPublic = X25519.publicKey(of: ephemeral)
        c = KDF.kdf1(c, ephemeralPublic)
        mixHash(&h, ephemeralPublic)
        guard let ee = X25519.sharedSecret(ephemeral, state.remoteEphemeral),
              let se = X25519.sharedSecret(ephemeral, remoteStatic) else { return nil }
        c = KDF.kdf1(c, ee)
        c = KDF.kdf1(c, se)
        let (c3, tau, k) = presharedKey.withUnsafeBytes { KDF.kdf3(c, $0) }
        c = c3
        mixHash(&h, tau)
        let encryptedNothing = seal(k, [], h)
        mixHash(&h, encryptedNothing)
        state.stage = .responseCreated
        state.chainKey = c
        state.hash = h
        state.localIndex = sender
        return HandshakeResponse(sender: sender, receiver: state.remoteIndex, ephemeral: ephemeralPublic,
                                 encryptedNothing: encryptedNothing)
    }

    /// Initiator, message 2. On success the state holds the final chaining key.
    static func consumeResponse(_ m: HandshakeResponse, state: inout HandshakeState, localStatic: Key32,
                                presharedKey: Key32) -> Bool {
        guard state.stage == .initiationCreated, m.receiver == state.localIndex else { return false }
        var c = state.chainKey
        var h = state.hash
        c = KDF.kdf1(c, m.ephemeral)
        mixHash(&h, m.ephemeral)
        guard let ee = X25519.sharedSecret(state.localEphemeral, m.ephemeral),
              let se = X25519.sharedSecret(localStatic, m.ephemeral) else { return false }
        c = KDF.kdf1(c, ee)
        c = KDF.kdf1(c, se)
        let (c3, tau, k) = presharedKey.withUnsafeBytes { KDF.kdf3(c, $0) }
        c = c3
        mixHash(&h, tau)
        guard open(k, m.encryptedNothing, h) != nil else { return false }
        mixHash(&h, m.encryptedNothing)
        state.stage = .responseConsumed
        state.chainKey = c
        state.hash = h
        state.remoteIndex = m.sender
        state.remoteEphemeral = m.ephemeral
        return true
    }

    /// The transport keys from a finished handshake: (send, receive) for this side.
    static func deriveTransportKeys(state: inout HandshakeState, isInitiator: Bool) -> (send: Key32, receive: Key32) {
        let (first, second) = KDF.kdf2(state.chainKey, UnsafeRawBufferPointer(start: nil, count: 0))
        state.chainKey = Key32()
        state.hash = Key32()
        state.localEphemeral = Key32()
        state.stage = .zeroed
        return isInitiator ? (first, second) : (second, first)
    }
}

/// One peer's handshake in progress.
struct HandshakeState {
    enum Stage { case zeroed, initiationCreated, initiationConsumed, responseCreated, responseConsumed }
    var stage = Stage.zeroed
    var chainKey = Key32()
    var hash = Key32()
    var localEphemeral = Key32()
    var remoteEphemeral = Key32()
    var localIndex: UInt32 = 0
    var remoteIndex: UInt32 = 0
    /// The newest TAI64N timestamp accepted from this peer: older or equal ones are replays.
    var lastTimestamp = [UInt8](repeating: 0, count: 12)
    var lastInitiationConsumed: WireGuardTime?
    var lastInitiationSent: WireGuardTime?
}

/// TAI64N timestamps: 8 bytes big-endian seconds (TAI64 label) and 4 bytes big-endian nanoseconds.
public enum TAI64N {
    /// The TAI64 label of the Unix epoch, as wireguard-go uses it.
    static let base: UInt64 = 0x4000_0000_0000_000a

    /// The 12 bytes for a Unix time.
    public static func encode(unixSeconds: UInt64, nanoseconds: UInt32) -> [UInt8] {
        var b = [UInt8]()
        withUnsafeBytes(of: (base &+ unixSeconds).bigEndian) { b += $0 }
        withUnsafeBytes(of: nanoseconds.bigEndian) { b += $0 }
        return b
    }

    /// Whether `a` is strictly later than `b` (both 12 bytes; big-endian compares bytewise).
    static func isAfter(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        a.lexicographicallyPrecedes(b) == false && a != b
    }
}
