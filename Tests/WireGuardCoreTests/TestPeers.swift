@testable import WireGuardCore

/// Two devices wired back to back on a fake clock: what one puts in its outbox the test hands
/// to the other, so every step of the protocol can be observed.
final class Pair {
    let a: WireGuardDevice
    let b: WireGuardDevice
    let aOnB: Peer
    let bOnA: Peer
    let aEndpoint = Endpoint(address: IPAddress("192.0.2.1")!, port: 51820)
    let bEndpoint = Endpoint(address: IPAddress("192.0.2.2")!, port: 51821)
    var now = WireGuardTime.seconds(1000)

    init(psk: Key32 = Key32(), persistentKeepalive: Int = 0) {
        nonisolated(unsafe) var wall: UInt64 = 1_700_000_000
        let clock: @Sendable () -> (seconds: UInt64, nanoseconds: UInt32) = {
            wall += 1
            return (wall, 0)
        }
        a = WireGuardDevice(privateKey: X25519.generatePrivateKey(), wallClock: clock, jitter: { .zero })
        b = WireGuardDevice(privateKey: X25519.generatePrivateKey(), wallClock: clock, jitter: { .zero })
        bOnA = a.addPeer(publicKey: b.publicKey, presharedKey: psk, endpoint: bEndpoint,
                         allowedIPs: [IPPrefix("10.0.0.2/32")!, IPPrefix("fd00::2/128")!],
                         persistentKeepalive: persistentKeepalive)!
        aOnB = b.addPeer(publicKey: a.publicKey, presharedKey: psk, endpoint: nil,
                         allowedIPs: [IPPrefix("10.0.0.1/32")!, IPPrefix("fd00::1/128")!])!
    }

    /// Delivers everything in `from`'s outbox to `to`; returns what `to` made of each datagram
    /// and a copy of each datagram as sent.
    @discardableResult
    func deliver(from: WireGuardDevice, to: WireGuardDevice) -> [(Received, [UInt8], [UInt8])] {
        let source = from === a ? aEndpoint : bEndpoint
        return from.takeOutbox().map { d in
            var bytes = d.bytes
            let r = bytes.withUnsafeMutableBytes { to.receive($0, from: source, now: now) }
            return (r, d.bytes, bytes)
        }
    }

    /// A full handshake started by `a` with a packet to 10.0.0.2; returns what `b` received.
    func handshake() -> [(Received, [UInt8], [UInt8])] {
        var buffer = packetBuffer(ipv4(from: "10.0.0.1", to: "10.0.0.2", payload: Array("hello".utf8)))
        _ = send(from: a, &buffer)
        deliver(from: a, to: b)
        deliver(from: b, to: a)
        return deliver(from: a, to: b)
    }

    /// Encrypts an inner packet placed after `WireGuardDevice.headroom` bytes.
    func send(from device: WireGuardDevice, _ buffer: inout PacketBuffer) -> Sent {
        let length = buffer.length
        return buffer.bytes.withUnsafeMutableBytes {
            device.encrypt($0, packetOffset: WireGuardDevice.headroom, packetLength: length, now: now)
        }
    }
}

/// An inner packet with room for the WireGuard framing around it.
struct PacketBuffer {
    var bytes: [UInt8]
    var length: Int
}

func packetBuffer(_ packet: [UInt8]) -> PacketBuffer {
    PacketBuffer(bytes: [UInt8](repeating: 0xee, count: WireGuardDevice.headroom) + packet
                    + [UInt8](repeating: 0xee, count: WireGuardDevice.tailroom),
                 length: packet.count)
}

/// A minimal IPv4 packet (header checksum not needed by the core).
func ipv4(from source: String, to destination: String, payload: [UInt8]) -> [UInt8] {
    let total = 20 + payload.count
    return [0x45, 0, UInt8(total >> 8), UInt8(total & 0xff), 0, 0, 0, 0, 64, 17, 0, 0]
        + IPAddress(source)!.networkBytes + IPAddress(destination)!.networkBytes + payload
}

/// A minimal IPv6 packet.
func ipv6(from source: String, to destination: String, payload: [UInt8]) -> [UInt8] {
    [0x60, 0, 0, 0, UInt8(payload.count >> 8), UInt8(payload.count & 0xff), 17, 64]
        + IPAddress(source)!.networkBytes + IPAddress(destination)!.networkBytes + payload
}

extension Received {
    var packetRange: Range<Int>? {
        if case .packet(_, let r) = self { return r }
        return nil
    }

    var isDropped: Bool {
        if case .dropped = self { return true }
        return false
    }

    var isKeepalive: Bool {
        if case .keepalive = self { return true }
        return false
    }
}

extension [UInt8] {
    var messageType: UInt8? { first }
}
