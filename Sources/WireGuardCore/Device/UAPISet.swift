/// A `set=1` request of the cross-platform userspace API that cannot be applied: what was
/// wrong and on which line. Nothing of the request was applied (it is checked whole first).
public struct UAPISetError: Error, Sendable, CustomStringConvertible {
    enum Reason: Sendable {
        case notSet
        case badLine
        case badKey
        case badValue
        case unknownKey
        case notAllowed
    }

    let reason: Reason
    /// The 1-based line of the request it is about.
    public let line: Int
    /// The key on that line.
    public let key: String

    /// The errno the UAPI answers with (`errno=<n>`): EINVAL (22) for what does not parse,
    /// EPERM (1) for what cne-wg does not change at run time (its private key, its port).
    public var errno: Int32 { reason == .notAllowed ? 1 : 22 }

    /// What was wrong, in words.
    public var description: String {
        switch reason {
        case .notSet: return "line \(line): the request does not start with set=1"
        case .badLine: return "line \(line): not key=value"
        case .badKey: return "line \(line): \(key): not a 32-byte key in hex"
        case .badValue: return "line \(line): \(key): bad value"
        case .unknownKey: return "line \(line): \(key): unknown key"
        case .notAllowed: return "line \(line): \(key): cannot be changed while running (restart with a new config)"
        }
    }
}

/// One peer's part of a `set=1` request, parsed.
struct UAPIPeerChange {
    var publicKey: Key32
    var remove = false
    var updateOnly = false
    var presharedKey: Key32?
    var endpoint: Endpoint?
    var persistentKeepalive: Int?
    var replaceAllowedIPs = false
    var allowedIPs: [IPPrefix] = []
}

extension WireGuardDevice {
    /// Applies a `set=1` request (what `wg set` and `wg setconf` send to
    /// `/var/run/wireguard/<interface>.sock`): peers added, removed or changed (preshared key,
    /// endpoint, persistent keepalive, allowed IPs), `replace_peers`. The private key and
    /// `listen_port` may be restated but not changed: cne-wg's socket and identity are fixed
    /// at start.
    ///
    /// - Throws: ``UAPISetError`` for the first line that is wrong; then nothing was applied.
    public func uapiSet(_ request: String, listenPort: UInt16, now: WireGuardTime) throws(UAPISetError) {
        let (replacePeers, changes) = try parseSet(request, listenPort: listenPort)
        if replacePeers {
            for peer in peers { removePeer(peer) }
        }
        for change in changes { apply(change, now: now) }
    }

    func parseSet(_ request: String, listenPort: UInt16) throws(UAPISetError) -> (Bool, [UAPIPeerChange]) {
        guard !request.isEmpty else { throw UAPISetError(reason: .notSet, line: 1, key: "") }
        var replacePeers = false
        var changes: [UAPIPeerChange] = []
        for (n, raw) in request.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
            let line = n + 1
            guard let eq = raw.firstIndex(of: "=") else { throw UAPISetError(reason: .badLine, line: line, key: String(raw)) }
            let key = String(raw[..<eq]), value = raw[raw.index(after: eq)...]
            func fail(_ reason: UAPISetError.Reason) -> UAPISetError { UAPISetError(reason: reason, line: line, key: key) }
            if line == 1 {
                guard key == "set", value == "1" else { throw fail(.notSet) }
                continue
            }
            func hexKey() throws(UAPISetError) -> Key32 {
                guard let k = Key32(hex: value) else { throw fail(.badKey) }
                return k
            }
            func flag() throws(UAPISetError) -> Bool {
                guard value == "true" || value == "false" else { throw fail(.badValue) }
                return value == "true"
            }
            if key == "public_key" {
                changes.append(UAPIPeerChange(publicKey: try hexKey()))
                continue
            }
            guard !changes.isEmpty else {
                switch key {
                case "private_key": guard try hexKey() == privateKey else { throw fail(.notAllowed) }
                case "listen_port": guard UInt16(value) == listenPort else { throw fail(.notAllowed) }
                case "fwmark": guard value == "0" || value.isEmpty else { throw fail(.notAllowed) }
                case "replace_peers": replacePeers = try flag()
                default: throw fail(.unknownKey)
                }
                continue
            }
            let last = changes.count - 1
            switch key {
            case "remove": changes[last].remove = try flag()
            case "update_only": changes[last].updateOnly = try flag()
            case "preshared_key": changes[last].presharedKey = try hexKey()
            case "endpoint":
                guard let e = Endpoint(value) else { throw fail(.badValue) }
                changes[last].endpoint = e
            case "persistent_keepalive_interval":
                guard let s = Int(value), (0...65535).contains(s) else { throw fail(.badValue) }
                changes[last].persistentKeepalive = s
            case "replace_allowed_ips": changes[last].replaceAllowedIPs = try flag()
            case "allowed_ip":
                guard let p = IPPrefix(value) else { throw fail(.badValue) }
                changes[last].allowedIPs.append(p)
            case "protocol_version": guard value == "1" else { throw fail(.badValue) }
            default: throw fail(.unknownKey)
            }
        }
        return (replacePeers, changes)
    }

    func apply(_ change: UAPIPeerChange, now: WireGuardTime) {
        if change.remove {
            if let peer = peersByKey[change.publicKey] { removePeer(peer) }
            return
        }
        let peer: Peer
        if let existing = peersByKey[change.publicKey] {
            peer = existing
        } else {
            guard !change.updateOnly,
                  let added = addPeer(publicKey: change.publicKey, presharedKey: change.presharedKey ?? Key32()) else { return }
            peer = added
        }
        if let psk = change.presharedKey { peer.presharedKey = psk }
        if let e = change.endpoint { peer.endpoint = e }
        if change.replaceAllowedIPs || !change.allowedIPs.isEmpty {
            var prefixes = change.replaceAllowedIPs ? [] : peer.allowedIPs
            for p in change.allowedIPs where !prefixes.contains(p) { prefixes.append(p) }
            // A prefix belongs to one peer: giving it to this one takes it from any other.
            for other in peers where other !== peer { other.allowedIPs.removeAll { prefixes.contains($0) } }
            peer.allowedIPs = prefixes
            rebuildRoutes()
        }
        if let interval = change.persistentKeepalive {
            let was = peer.persistentKeepalive
            peer.persistentKeepalive = interval
            // Turned on: the first keepalive goes now (it starts a handshake if needed).
            if interval == 0 {
                peer.timers.persistentKeepalive = nil
            } else if was == 0, peer.endpoint != nil {
                peer.timers.persistentKeepalive = now
            }
        }
    }

    /// Forgets `peer`: its keypairs, its handshake, its routes.
    func removePeer(_ peer: Peer) {
        retire(peer.previous)
        retire(peer.current)
        retire(peer.next)
        clearHandshakeIndex(peer)
        indices = indices.filter { _, entry in
            switch entry {
            case .handshake(let p): return p !== peer
            case .keypair(let k): return k.peer !== peer
            }
        }
        peers.removeAll { $0 === peer }
        peersByKey[peer.publicKey] = nil
        rebuildRoutes()
    }

    /// The routing table from every peer's allowed IPs (peer indices change on removal).
    func rebuildRoutes() {
        routes = AllowedIPs<Int>()
        for (i, peer) in peers.enumerated() {
            for prefix in peer.allowedIPs { routes.insert(prefix, i) }
        }
    }
}

extension Key32 {
    /// Parses 64 hex digits (either case), as the UAPI writes keys.
    public init?(hex: some StringProtocol) {
        let digits = Array(hex.utf8)
        guard digits.count == 64 else { return nil }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
            default: return nil
            }
        }
        var bytes = [UInt8]()
        bytes.reserveCapacity(32)
        for i in stride(from: 0, to: 64, by: 2) {
            guard let hi = nibble(digits[i]), let lo = nibble(digits[i + 1]) else { return nil }
            bytes.append(hi << 4 | lo)
        }
        self.init(bytes: bytes)
    }
}
