/// A WireGuard interface as wg-quick's INI file describes it: `[Interface]` then `[Peer]`s.
public struct WireGuardConfig: Sendable, Equatable {
    /// The `[Interface]` section.
    public struct Interface: Sendable, Equatable {
        /// Our static private key.
        public var privateKey: Key32
        /// The UDP port to listen on (nil: any).
        public var listenPort: UInt16?
        /// Addresses of the tunnel interface (wg-quick's `Address`).
        public var addresses: [IPPrefix] = []
        /// The tunnel MTU (wg-quick's `MTU`).
        public var mtu: Int?
    }

    /// One `[Peer]` section.
    public struct PeerEntry: Sendable, Equatable {
        /// The peer's public key.
        public var publicKey: Key32
        /// The preshared key, or zero.
        public var presharedKey = Key32()
        /// Prefixes routed to and accepted from the peer.
        public var allowedIPs: [IPPrefix] = []
        /// Where to reach it (numeric address and port).
        public var endpoint: Endpoint?
        /// Keepalive interval in seconds (0: off).
        public var persistentKeepalive = 0
    }

    /// The interface.
    public var interface: Interface
    /// The peers, in file order.
    public var peers: [PeerEntry]

    /// Keys wg-quick reads that configure the host rather than WireGuard: accepted, ignored.
    static let hostOnlyKeys: Set<String> = ["dns", "table", "preup", "postup", "predown", "postdown", "saveconfig", "fwmark"]

    /// Parses the text of a wg-quick file. Errors name the line and what is wrong with it.
    public init(parsing text: String) throws(WireGuardConfigError) {
        var interface: Interface?
        var sawInterface = false
        var peers: [PeerEntry] = []
        enum Section { case none, interface, peer }
        var section = Section.none
        var peerStart: [Int] = []
        var interfaceKey: (key: Key32, line: Int)?
        var listenPort: UInt16?
        var addresses: [IPPrefix] = []
        var mtu: Int?
        var current: (publicKey: Key32?, entry: PeerEntry)?

        func finishPeer(_ line: Int) throws(WireGuardConfigError) {
            guard let c = current else { return }
            guard let key = c.publicKey else {
                throw WireGuardConfigError(line: peerStart.last ?? line, reason: .missingKey(section: "Peer", key: "PublicKey"))
            }
            var e = c.entry
            e.publicKey = key
            peers.append(e)
            current = nil
        }

        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = i + 1
            var line = Substring(raw)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let trimmed = line.trimmingWhitespace()
            if trimmed.isEmpty { continue }
            if trimmed.hasPrefix("[") {
                guard trimmed.hasSuffix("]") else { throw WireGuardConfigError(line: lineNumber, reason: .malformedLine) }
                let name = trimmed.dropFirst().dropLast().trimmingWhitespace().lowercased()
                try finishPeer(lineNumber)
                switch name {
                case "interface":
                    guard !sawInterface else { throw WireGuardConfigError(line: lineNumber, reason: .duplicateInterface) }
                    sawInterface = true
                    section = .interface
                case "peer":
                    section = .peer
                    peerStart.append(lineNumber)
                    current = (nil, PeerEntry(publicKey: Key32()))
                default:
                    throw WireGuardConfigError(line: lineNumber, reason: .unknownSection(String(name)))
                }
                continue
            }
            guard let eq = trimmed.firstIndex(of: "=") else { throw WireGuardConfigError(line: lineNumber, reason: .malformedLine) }
            let key = trimmed[..<eq].trimmingWhitespace()
            let value = trimmed[trimmed.index(after: eq)...].trimmingWhitespace()
            let lower = key.lowercased()
            func bad(_ what: String) -> WireGuardConfigError {
                WireGuardConfigError(line: lineNumber, reason: .badValue(key: String(key), value: String(value), expected: what))
            }
            func base64Key() throws(WireGuardConfigError) -> Key32 {
                guard let k = Key32(base64: value) else { throw bad("a base64 key of 32 bytes") }
                return k
            }
            func prefixes() throws(WireGuardConfigError) -> [IPPrefix] {
                var out: [IPPrefix] = []
                for item in value.split(separator: ",") {
                    guard let p = IPPrefix(item.trimmingWhitespace()) else { throw bad("comma-separated address/length") }
                    out.append(p)
                }
                return out
            }
            switch section {
            case .none:
                throw WireGuardConfigError(line: lineNumber, reason: .keyOutsideSection(String(key)))
            case .interface:
                switch lower {
                case "privatekey": interfaceKey = (try base64Key(), lineNumber)
                case "listenport":
                    guard let p = UInt16(value) else { throw bad("a port 0-65535") }
                    listenPort = p
                case "address": addresses += try prefixes()
                case "mtu":
                    guard let m = Int(value), (576...65535).contains(m) else { throw bad("an MTU 576-65535") }
                    mtu = m
                case _ where Self.hostOnlyKeys.contains(lower): break
                default: throw WireGuardConfigError(line: lineNumber, reason: .unknownKey(section: "Interface", key: String(key)))
                }
            case .peer:
                switch lower {
                case "publickey": current?.publicKey = try base64Key()
                case "presharedkey": current?.entry.presharedKey = try base64Key()
                case "allowedips": current?.entry.allowedIPs += try prefixes()
                case "endpoint":
                    guard let e = Endpoint(value) else { throw bad("a numeric address:port ([v6]:port)") }
                    current?.entry.endpoint = e
                case "persistentkeepalive":
                    if value == "off" {
                        current?.entry.persistentKeepalive = 0
                    } else {
                        guard let s = Int(value), (0...65535).contains(s) else { throw bad("seconds 0-65535 or off") }
                        current?.entry.persistentKeepalive = s
                    }
                default: throw WireGuardConfigError(line: lineNumber, reason: .unknownKey(section: "Peer", key: String(key)))
                }
            }
        }
        try finishPeer(0)
        guard sawInterface else { throw WireGuardConfigError(line: 0, reason: .missingInterface) }
        guard let privateKey = interfaceKey else {
            throw WireGuardConfigError(line: 0, reason: .missingKey(section: "Interface", key: "PrivateKey"))
        }
        interface = Interface(privateKey: privateKey.key, listenPort: listenPort, addresses: addresses, mtu: mtu)
        self.interface = interface!
        self.peers = peers
    }
}

/// What is wrong with a wg-quick file, and on which line (0: the file as a whole).
public struct WireGuardConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    enum Reason: Sendable, Equatable {
        case malformedLine
        case unknownSection(String)
        case duplicateInterface
        case keyOutsideSection(String)
        case unknownKey(section: String, key: String)
        case badValue(key: String, value: String, expected: String)
        case missingKey(section: String, key: String)
        case missingInterface
    }

    /// The 1-based line, or 0 when the problem is the whole file.
    public let line: Int
    let reason: Reason

    /// `line N: what`.
    public var description: String {
        let what: String
        switch reason {
        case .malformedLine: what = "expected `[Section]` or `Key = Value`"
        case .unknownSection(let s): what = "unknown section [\(s)] (expected [Interface] or [Peer])"
        case .duplicateInterface: what = "a second [Interface] section"
        case .keyOutsideSection(let k): what = "\(k) before any [Interface] or [Peer]"
        case .unknownKey(let s, let k): what = "unknown key \(k) in [\(s)]"
        case .badValue(let k, let v, let e): what = "\(k) = \(v): expected \(e)"
        case .missingKey(let s, let k): what = "[\(s)] has no \(k)"
        case .missingInterface: what = "no [Interface] section"
        }
        return line > 0 ? "line \(line): \(what)" : what
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> Substring {
        let s = Substring(self)
        guard let start = s.firstIndex(where: { !$0.isWhitespace }), let end = s.lastIndex(where: { !$0.isWhitespace }) else {
            return s[s.endIndex...]
        }
        return s[start...end]
    }
}

extension WireGuardDevice {
    /// A device configured from a wg-quick file's keys and peers.
    public convenience init(config: WireGuardConfig,
                            wallClock: @escaping @Sendable () -> (seconds: UInt64, nanoseconds: UInt32) = WireGuardDevice.systemWallClock) {
        self.init(privateKey: config.interface.privateKey, wallClock: wallClock)
        if let mtu = config.interface.mtu { self.mtu = mtu }
        for p in config.peers {
            addPeer(publicKey: p.publicKey, presharedKey: p.presharedKey, endpoint: p.endpoint,
                    allowedIPs: p.allowedIPs, persistentKeepalive: p.persistentKeepalive)
        }
    }
}
