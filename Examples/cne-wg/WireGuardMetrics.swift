import CNE
import CNERuntime
import CoreMetrics
import WireGuardCore

/// cne-wg's metrics through swift-metrics, exported by the runtime's ``MetricsEndpoint``:
/// per peer (label `peer`, its public key in base64) the bytes received and sent, the
/// handshakes completed, the Unix time of the latest one and its drops by reason; the
/// device's drops by reason (label `reason`, ``DropReason/name``);
/// gateway mode's framing counters; and, on a CNE port, the runtime's port and pool metrics.
///
/// The device belongs to the packet loop's thread, so the loop calls ``publish(_:gateway:)``
/// (once a second and at the end): a scrape is at most a second behind for the WireGuard
/// metrics, and current for the port counters (``RuntimeMetrics`` reads the driver).
final class WireGuardMetrics {
    let factory: any MetricsFactory
    let runtime: RuntimeMetrics?

    private struct PeerMetrics {
        let rx: Counter
        let tx: Counter
        let handshakes: Counter
        let lastHandshake: Gauge
        var last: (rx: UInt64, tx: UInt64, handshakes: Int) = (0, 0, 0)
        var drops: [DropReason: (counter: Counter, last: UInt64)] = [:]
    }

    private var peers: [Key32: PeerMetrics] = [:]
    private var drops: [DropReason: (counter: Counter, last: UInt64)] = [:]
    private var gateway: [String: (counter: Counter, last: UInt64)] = [:]

    /// Metrics made with `factory`; `instance`, when the outer side is a CNE port, adds the
    /// runtime's port and pool metrics.
    init(factory: any MetricsFactory, instance: Instance?) {
        self.factory = factory
        runtime = instance.map { RuntimeMetrics(instance: $0, workers: nil, factory: factory) }
    }

    /// Brings every WireGuard metric up to `device`'s counters (and `gateway`'s). Call it on
    /// the device's thread.
    func publish(_ device: WireGuardDevice, gateway counters: GatewayCounters? = nil) {
        let now = monotonicNow()
        let wall = WireGuardDevice.systemWallClock()
        for peer in device.peers {
            var m = peers[peer.publicKey] ?? makePeer(peer.publicKey)
            advance(m.rx, from: &m.last.rx, to: peer.rxBytes)
            advance(m.tx, from: &m.last.tx, to: peer.txBytes)
            if peer.handshakesCompleted > m.last.handshakes {
                m.handshakes.increment(by: Int64(peer.handshakesCompleted - m.last.handshakes))
                m.last.handshakes = peer.handshakesCompleted
            }
            if let h = peer.lastHandshake {
                let ago = now - h
                let wallSeconds = Double(wall.seconds) + Double(wall.nanoseconds) * 1e-9
                let agoSeconds = Double(ago.components.seconds) + Double(ago.components.attoseconds) * 1e-18
                m.lastHandshake.record(wallSeconds - agoSeconds)
            }
            for (reason, count) in peer.drops {
                var entry = m.drops[reason]
                    ?? (Counter(label: "wireguard_peer_dropped_total",
                                dimensions: [("peer", peer.publicKey.base64), ("reason", reason.name)], factory: factory), 0)
                advance(entry.counter, from: &entry.last, to: count)
                m.drops[reason] = entry
            }
            peers[peer.publicKey] = m
        }
        for (reason, count) in device.drops {
            var entry = drops[reason]
                ?? (Counter(label: "wireguard_dropped_total", dimensions: [("reason", reason.name)], factory: factory), 0)
            advance(entry.counter, from: &entry.last, to: count)
            drops[reason] = entry
        }
        if let counters {
            for (name, value) in counters.all {
                var entry = gateway[name]
                    ?? (Counter(label: "cne_wg_gateway_\(name.replacingOccurrences(of: "-", with: "_"))_total",
                                dimensions: [], factory: factory), 0)
                advance(entry.counter, from: &entry.last, to: value)
                gateway[name] = entry
            }
        }
    }

    private func makePeer(_ key: Key32) -> PeerMetrics {
        let labels = [("peer", key.base64)]
        return PeerMetrics(
            rx: Counter(label: "wireguard_peer_received_bytes_total", dimensions: labels, factory: factory),
            tx: Counter(label: "wireguard_peer_sent_bytes_total", dimensions: labels, factory: factory),
            handshakes: Counter(label: "wireguard_peer_handshakes_total", dimensions: labels, factory: factory),
            lastHandshake: Gauge(label: "wireguard_peer_last_handshake_seconds", dimensions: labels, factory: factory))
    }

    private func advance(_ counter: Counter, from last: inout UInt64, to value: UInt64) {
        if value > last { counter.increment(by: Int64(clamping: value - last)) }
        last = value
    }
}
