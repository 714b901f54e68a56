/// The cross-platform userspace API's `get=1` answer (what `wg show` reads from
/// `/var/run/wireguard/<interface>.sock`): key=value lines, keys in hex, ending `errno=0` and a
/// blank line.
extension WireGuardDevice {
    /// The `get=1` response. `listenPort` is the outer UDP port; `now` the device clock and
    /// `wallNow` the Unix time at that instant, to turn handshake instants into Unix times.
    public func uapiGetResponse(listenPort: UInt16, now: WireGuardTime,
                                wallNow: (seconds: UInt64, nanoseconds: UInt32)) -> String {
        var lines = ["private_key=\(privateKey.hex)", "listen_port=\(listenPort)"]
        let wallNanos = wallNow.seconds * 1_000_000_000 + UInt64(wallNow.nanoseconds)
        for peer in peers {
            lines.append("public_key=\(peer.publicKey.hex)")
            if !peer.presharedKey.isZero { lines.append("preshared_key=\(peer.presharedKey.hex)") }
            if let e = peer.endpoint { lines.append("endpoint=\(e)") }
            var seconds: UInt64 = 0, nanos: UInt64 = 0
            if let h = peer.lastHandshake {
                let ago = UInt64((now - h).nanosecondsClamped)
                let at = wallNanos > ago ? wallNanos - ago : 0
                seconds = at / 1_000_000_000
                nanos = at % 1_000_000_000
            }
            lines.append("last_handshake_time_sec=\(seconds)")
            lines.append("last_handshake_time_nsec=\(nanos)")
            lines.append("rx_bytes=\(peer.rxBytes)")
            lines.append("tx_bytes=\(peer.txBytes)")
            lines.append("persistent_keepalive_interval=\(peer.persistentKeepalive)")
            for prefix in peer.allowedIPs { lines.append("allowed_ip=\(prefix)") }
            lines.append("protocol_version=1")
        }
        lines.append("errno=0")
        return lines.joined(separator: "\n") + "\n\n"
    }
}

extension Key32 {
    /// Lower-case hex, as the UAPI writes keys.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        withUnsafeBytes { for b in $0 { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) } }
        return String(decoding: out, as: UTF8.self)
    }
}
