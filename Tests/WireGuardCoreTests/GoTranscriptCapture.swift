import Glibc
import Testing
@testable import WireGuardCore

/// Records the transcripts `GoTranscriptTests` and `GoInitiatedTranscriptTests` replay: the core
/// (fixed keys, ephemeral key, indices, clock) and a live wireguard-go over UDP on loopback,
/// one initiating and then the other (each with a fresh wireguard-go), every datagram each way
/// printed in hex. Runs only when `WG_TRANSCRIPT_CAPTURE` is set, inside the namespace
/// Tests/WireGuard/capture-transcript.sh makes; CI uses the committed bytes, not this.
@Suite struct GoTranscriptCapture {
    @Test(.enabled(if: getenv("WG_TRANSCRIPT_CAPTURE") != nil))
    func captureCoreInitiating() throws {
        let socket = try #require(UDPSocket(bindingLoopbackPort: GoTranscript.ourEndpoint.port))
        defer { close(socket.fd) }
        let (device, peer) = GoTranscript.makeDevice()
        let now = GoTranscript.now

        device.initiateHandshake(with: peer, now: now)
        let initiation = try #require(device.takeOutbox().first).bytes
        print("initiation", initiation.hexString)
        socket.send(initiation, toLoopbackPort: GoTranscript.wireguardGoEndpoint.port)

        var response = try #require(socket.receive(), "no handshake response from wireguard-go in 3 s")
        print("response", response.hexString)
        let handshake = response.withUnsafeMutableBytes { device.receive($0, from: GoTranscript.wireguardGoEndpoint, now: now) }
        guard case .handshake = handshake else {
            Issue.record("response refused: \(device.drops)")
            return
        }
        // The keepalive the initiator sends at once confirms the session to wireguard-go.
        for datagram in device.takeOutbox() {
            print("keepalive", datagram.bytes.hexString)
            socket.send(datagram.bytes, toLoopbackPort: GoTranscript.wireguardGoEndpoint.port)
        }

        var buffer = packetBuffer(GoTranscript.echoRequest)
        let length = buffer.length
        let sent = buffer.bytes.withUnsafeMutableBytes {
            device.encrypt($0, packetOffset: WireGuardDevice.headroom, packetLength: length, now: now)
        }
        guard case .ready(let range, _) = sent else {
            Issue.record("echo request not encrypted: \(sent)")
            return
        }
        let request = Array(buffer.bytes[range])
        print("echo-request", request.hexString)
        socket.send(request, toLoopbackPort: GoTranscript.wireguardGoEndpoint.port)

        // Bounded: at most 5 datagrams or 3 s each, until the first transport packet with data.
        for _ in 0..<5 {
            guard let datagram = socket.receive() else { break }
            print("from-wireguard-go", datagram.hexString)
            var copy = datagram
            let result = copy.withUnsafeMutableBytes { device.receive($0, from: GoTranscript.wireguardGoEndpoint, now: now) }
            if case .packet(_, let inner) = result {
                print("echo-reply-inner", Array(copy[inner]).hexString)
                return
            }
        }
        Issue.record("no transport packet with data from wireguard-go")
    }
}

extension GoTranscriptCapture {
    @Test(.enabled(if: getenv("WG_TRANSCRIPT_CAPTURE") != nil))
    func captureWireguardGoInitiating() throws {
        let socket = try #require(UDPSocket(bindingLoopbackPort: GoTranscript.ourEndpoint.port))
        defer { close(socket.fd) }
        let (device, _) = GoTranscript.makeDevice()
        let now = GoTranscript.now

        // A datagram into wireguard-go's tunnel makes it initiate (to our port, its peer's endpoint).
        UDPSocket.send(GoTranscript.echoPayload, to: GoTranscript.ourTunnelAddress, port: 9)
        var initiation = try #require(socket.receive(), "no initiation from wireguard-go in 3 s")
        print("go-initiation", initiation.hexString)
        let handshake = initiation.withUnsafeMutableBytes { device.receive($0, from: GoTranscript.wireguardGoEndpoint, now: now) }
        guard case .handshake = handshake else {
            Issue.record("initiation refused: \(device.drops)")
            return
        }
        for datagram in device.takeOutbox() {
            print("our-response", datagram.bytes.hexString)
            socket.send(datagram.bytes, toLoopbackPort: GoTranscript.wireguardGoEndpoint.port)
        }
        // Bounded: at most 5 datagrams or 3 s each, until the staged datagram arrives encrypted.
        for _ in 0..<5 {
            guard let datagram = socket.receive() else { break }
            print("go-transport", datagram.hexString)
            var copy = datagram
            let result = copy.withUnsafeMutableBytes { device.receive($0, from: GoTranscript.wireguardGoEndpoint, now: now) }
            if case .packet(_, let inner) = result {
                print("go-transport-inner", Array(copy[inner]).hexString)
                return
            }
        }
        Issue.record("no transport packet with data from wireguard-go")
    }
}

/// A UDP socket on 127.0.0.1 with a 3 s receive timeout, for the capture only.
struct UDPSocket {
    let fd: Int32

    init?(bindingLoopbackPort port: UInt16) {
        fd = Glibc.socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var timeout = timeval(tv_sec: 3, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = Self.loopback(port)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else {
            close(fd)
            return nil
        }
    }

    static func loopback(_ port: UInt16) -> sockaddr_in {
        var a = sockaddr_in()
        a.sin_family = sa_family_t(AF_INET)
        a.sin_port = port.bigEndian
        a.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
        return a
    }

    func send(_ bytes: [UInt8], toLoopbackPort port: UInt16) {
        var address = Self.loopback(port)
        _ = bytes.withUnsafeBytes { b in
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(fd, b.baseAddress, b.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
    }

    /// Sends from a fresh unbound socket (one bound to 127.0.0.1 cannot reach outside loopback)
    /// to an IPv4 address, here: into the tunnel.
    static func send(_ bytes: [UInt8], to address: String, port: UInt16) {
        let fd = Glibc.socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var a = sockaddr_in()
        a.sin_family = sa_family_t(AF_INET)
        a.sin_port = port.bigEndian
        guard inet_pton(AF_INET, address, &a.sin_addr) == 1 else { return }
        _ = bytes.withUnsafeBytes { b in
            withUnsafePointer(to: &a) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(fd, b.baseAddress, b.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
    }

    /// The next datagram, or nil after the timeout.
    func receive() -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 2048)
        let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        return n > 0 ? Array(buffer[0..<n]) : nil
    }
}
