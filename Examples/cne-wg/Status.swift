import Glibc
import WireGuardCore

/// One line per peer, `wg show`-like, so scripts and people can follow the tunnel:
/// `peer <key> endpoint <ep> handshakes <n> latest-handshake <s ago> rx <bytes> tx <bytes> drops <...>`.
struct StatusPrinter {
    func print(_ device: WireGuardDevice) {
        let now = monotonicNow()
        for peer in device.peers {
            let ago = peer.lastHandshake.map { "\((now - $0).components.seconds)s" } ?? "never"
            Swift.print("peer \(peer.publicKey.base64) endpoint \(peer.endpoint?.description ?? "none")"
                        + " handshakes \(peer.handshakesCompleted) latest-handshake \(ago)"
                        + " rx \(peer.rxBytes) tx \(peer.txBytes)")
        }
        if !device.drops.isEmpty {
            Swift.print("drops " + device.drops.map { "\($0.key): \($0.value)" }.sorted().joined(separator: ", "))
        }
        fflush(nil)
    }
}

/// Set from SIGINT/SIGTERM; the loop checks it every pass.
nonisolated(unsafe) private var stopFlag: sig_atomic_t = 0

/// Set from SIGUSR1: start a new handshake with every peer now (a forced rekey).
nonisolated(unsafe) private var rekeyFlag: sig_atomic_t = 0

func installStopSignals() {
    signal(SIGINT) { _ in stopFlag = 1 }
    signal(SIGTERM) { _ in stopFlag = 1 }
    signal(SIGUSR1) { _ in rekeyFlag = 1 }
}

/// Starts a handshake with every peer if SIGUSR1 came since the last call.
func rekeyIfRequested(_ device: WireGuardDevice) {
    guard rekeyFlag != 0 else { return }
    rekeyFlag = 0
    for peer in device.peers { device.initiateHandshake(with: peer, now: monotonicNow()) }
}

func stopRequested() -> Bool { stopFlag != 0 }
