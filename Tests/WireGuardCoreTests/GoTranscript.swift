@testable import WireGuardCore

/// The fixed side of a handshake transcript with wireguard-go in which the core is the initiator:
/// throwaway test keys (made with `wg genkey` for this test only, never used elsewhere), the
/// ephemeral key, local indices and wall clock the core used, and the inner packet it sent.
/// `GoTranscriptCapture` records wireguard-go's answers with these; `GoTranscriptTests` replays them.
enum GoTranscript {
    static let ourPrivateKey = Key32(base64: "IL6Vh4SEQixzWfObGRSz/bd+unWKsq8XN976wZkBwVo=")!
    static let wireguardGoPrivateKey = "EBE6EdKZu7vtQZLV6EKCYF2vXKyfa8df4eaC2+FU2Ho="   // for the capture script
    static let wireguardGoPublicKey = Key32(base64: "+uZCO+COqV1aWBvDGo0BWqlAo8rpMB5kri1DnxLpxUE=")!
    static let ephemeralPrivateKey = Key32(base64: "kO2AC+3HSGWRHow5ljWIQriBl/SLnqUSsW4PTQgMLU4=")!
    /// The first local index the device hands out; later ones count up from it.
    static let firstIndex: UInt32 = 0x5747_0001
    /// The Unix time in the initiation's TAI64N timestamp.
    static let wallClock: (seconds: UInt64, nanoseconds: UInt32) = (1_796_083_200, 123_456_789)
    /// The monotonic time of every step (the core's timers only compare it).
    static let now = WireGuardTime.seconds(100)
    /// wireguard-go listens here; we sent from `ourEndpoint` (both on the namespace's loopback).
    static let wireguardGoEndpoint = Endpoint(address: IPAddress("127.0.0.1")!, port: 51820)
    static let ourEndpoint = Endpoint(address: IPAddress("127.0.0.1")!, port: 51999)
    static let ourTunnelAddress = "10.88.0.2"
    static let wireguardGoTunnelAddress = "10.88.0.1"
    static let echoIdentifier: UInt16 = 0x5747
    static let echoSequence: UInt16 = 1
    static let echoPayload = Array("swift-cndp transcript".utf8)

    /// A device that makes the same initiation as in the capture: fixed ephemeral key, indices
    /// and wall clock.
    static func makeDevice() -> (WireGuardDevice, Peer) {
        let device = WireGuardDevice(privateKey: ourPrivateKey, wallClock: { wallClock }, jitter: { .zero })
        var next = firstIndex
        device.indexSource = {
            defer { next &+= 1 }
            return next
        }
        device.ephemeralKeys = { ephemeralPrivateKey }
        let peer = device.addPeer(publicKey: wireguardGoPublicKey, endpoint: wireguardGoEndpoint,
                                  allowedIPs: [IPPrefix("\(wireguardGoTunnelAddress)/32")!])!
        return (device, peer)
    }

    /// The ICMP echo request we sent through the tunnel, with valid checksums so that
    /// wireguard-go's kernel answers it.
    static var echoRequest: [UInt8] {
        var icmp: [UInt8] = [8, 0, 0, 0, UInt8(echoIdentifier >> 8), UInt8(echoIdentifier & 0xff),
                             UInt8(echoSequence >> 8), UInt8(echoSequence & 0xff)] + echoPayload
        let icmpSum = internetChecksum(icmp)
        icmp[2] = UInt8(icmpSum >> 8)
        icmp[3] = UInt8(icmpSum & 0xff)
        let total = 20 + icmp.count
        var ip: [UInt8] = [0x45, 0, UInt8(total >> 8), UInt8(total & 0xff), 0x12, 0x34, 0x40, 0, 64, 1, 0, 0]
            + IPAddress(ourTunnelAddress)!.networkBytes + IPAddress(wireguardGoTunnelAddress)!.networkBytes
        let ipSum = internetChecksum(ip)
        ip[10] = UInt8(ipSum >> 8)
        ip[11] = UInt8(ipSum & 0xff)
        return ip + icmp
    }

    /// RFC 1071.
    static func internetChecksum(_ bytes: [UInt8]) -> UInt16 {
        var sum: UInt32 = 0
        for i in stride(from: 0, to: bytes.count, by: 2) {
            sum += UInt32(bytes[i]) << 8 | (i + 1 < bytes.count ? UInt32(bytes[i + 1]) : 0)
        }
        while sum > 0xffff { sum = (sum & 0xffff) + (sum >> 16) }
        return ~UInt16(sum)
    }
}

extension [UInt8] {
    var hexString: String { map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined() }
}
