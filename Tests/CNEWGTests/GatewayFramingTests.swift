import CNE
import Testing
import WireGuardCore
@testable import cne_wg

/// Gateway mode's clear side: which frames it routes, answers or leaves, and where a decrypted
/// packet goes on the clear subnet.
@Suite struct GatewayFramingTests {
    static let gatewayMAC = MACAddress(2, 0, 0, 0, 0, 1)
    static let hostMAC = MACAddress(2, 0, 0, 0, 0, 2)
    static let gatewayIP = IPv4Address(10, 10, 1, 1)
    static let hostIP = IPv4Address(10, 10, 1, 2)

    /// An Ethernet frame with an IPv4 header (and `payload` bytes) from the host to `to`.
    func ipv4Frame(to destination: IPv4Address, mac: MACAddress = gatewayMAC, ttl: UInt8 = 64) -> [UInt8] {
        var f = [UInt8](repeating: 0, count: 14 + 20 + 8)
        f.withUnsafeMutableBytes { raw in
            var span = raw.mutableBytes
            EthernetHeader.write(destination: mac, source: Self.hostMAC, etherType: .ipv4, into: &span)
            IPv4Header.write(source: Self.hostIP, destination: destination, protocol: .udp, payloadLength: 8,
                             timeToLive: ttl, into: &span, at: 14)
        }
        return f
    }

    func classify(_ f: [UInt8]) -> ClearFraming.Frame {
        f.withUnsafeBytes { ClearFraming.classify($0.bytes, localIP: Self.gatewayIP.value, localMAC: Self.gatewayMAC) }
    }

    @Test func packetsToTheGatewaysMACAreRoutedOthersAreNot() {
        guard case .ipv4(let header) = classify(ipv4Frame(to: IPv4Address(10, 20, 1, 2))) else {
            Issue.record("not routed")
            return
        }
        #expect(header.offset == 14 && header.totalLength == 28 && header.timeToLive == 64)
        // Another host's frame, and a packet for the gateway's own address, are not routed.
        if case .ipv4 = classify(ipv4Frame(to: IPv4Address(10, 20, 1, 2), mac: MACAddress(2, 9, 9, 9, 9, 9))) { Issue.record("routed another MAC's frame") }
        if case .ipv4 = classify(ipv4Frame(to: Self.gatewayIP)) { Issue.record("routed a packet for the gateway itself") }
        // Truncated frames of every length never trap and are never routed.
        let f = ipv4Frame(to: IPv4Address(10, 20, 1, 2))
        for n in 0..<f.count {
            if case .ipv4 = classify(Array(f[0..<n])) { Issue.record("routed a \(n)-byte frame") }
        }
    }

    @Test func arpForTheGatewayIsAnswered() {
        var f = [UInt8](repeating: 0, count: OuterFraming.arpFrameLength)
        f.withUnsafeMutableBytes { raw in
            var span = raw.mutableBytes
            OuterFraming.writeARP(into: &span, op: 1, sourceMAC: Self.hostMAC, sourceIP: Self.hostIP.value,
                                  targetMAC: .broadcast, targetIP: Self.gatewayIP.value)
        }
        guard case .arpRequest(let ip, let mac) = classify(f) else { Issue.record("not a request for us"); return }
        #expect(ip == Self.hostIP.value && mac == Self.hostMAC)
    }

    @Test func clearRouteSendsOnSubnetDirectlyAndTheRestToTheRouter() throws {
        let direct = try #require(ClearRoute(address: "10.10.1.1/24", nextHop: nil))
        #expect(direct.address == Self.gatewayIP.value)
        #expect(direct.neighbour(for: IPv4Address(10, 10, 1, 77).value) == IPv4Address(10, 10, 1, 77).value)
        #expect(direct.neighbour(for: IPv4Address(10, 10, 2, 1).value) == nil)
        let routed = try #require(ClearRoute(address: "10.10.1.1/24", nextHop: "10.10.1.254"))
        #expect(routed.neighbour(for: IPv4Address(8, 8, 8, 8).value) == IPv4Address(10, 10, 1, 254).value)
        #expect(ClearRoute(address: "10.10.1.1", nextHop: nil) == nil)            // no subnet
        #expect(ClearRoute(address: "10.10.1.1/24", nextHop: "10.9.9.9") == nil)  // router off the subnet
        #expect(ClearRoute(address: "fd00::1/64", nextHop: nil) == nil)           // IPv4 only
    }
}
