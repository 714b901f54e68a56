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

    static let gatewayIPv6 = IPv6Address("fd10::1")!

    func classify(_ f: [UInt8]) -> ClearFraming.Frame {
        f.withUnsafeBytes {
            ClearFraming.classify($0.bytes, localIP: Self.gatewayIP.value, localIPv6: Self.gatewayIPv6, localMAC: Self.gatewayMAC)
        }
    }

    /// An Ethernet frame with an IPv6 header (and 8 bytes of UDP) from a host to `to`.
    func ipv6Frame(from source: IPv6Address = IPv6Address("fd10::2")!, to destination: IPv6Address) -> [UInt8] {
        var f = [UInt8](repeating: 0, count: 14 + 40 + 8)
        f.withUnsafeMutableBytes { raw in
            var span = raw.mutableBytes
            EthernetHeader.write(destination: Self.gatewayMAC, source: Self.hostMAC, etherType: .ipv6, into: &span)
            IPv6Header.write(source: source, destination: destination, nextHeader: .udp, payloadLength: 8, into: &span, at: 14)
        }
        return f
    }

    @Test func ipv6PacketsAreRoutedButNotLinkLocalMulticastOrOurs() {
        guard case .ipv6(let header) = classify(ipv6Frame(to: IPv6Address("fd20::2")!)) else { Issue.record("not routed"); return }
        #expect(header.offset == 14 && header.payloadLength == 8 && header.hopLimit == 64)
        for f in [ipv6Frame(to: Self.gatewayIPv6), ipv6Frame(to: IPv6Address("ff02::1")!), ipv6Frame(to: IPv6Address("fe80::1")!),
                  ipv6Frame(from: IPv6Address("fe80::2")!, to: IPv6Address("fd20::2")!)] {
            if case .ipv6 = classify(f) { Issue.record("routed \(f)") }
        }
    }

    @Test func solicitationsForTheGatewayGoToItsLink() {
        var f = [UInt8](repeating: 0, count: OuterFraming.solicitationLength)
        f.withUnsafeMutableBytes { raw in
            var span = raw.mutableBytes
            OuterFraming.writeNeighborSolicitation(into: &span, sourceMAC: Self.hostMAC, source: IPv6Address("fd10::2")!,
                                                   target: Self.gatewayIPv6)
        }
        guard case .neighbour(let frame) = classify(f), case .neighborSolicitation = frame else { Issue.record("not a solicitation for us"); return }
        #expect(frame.learnt?.0 == IPAddress("fd10::2")! && frame.learnt?.1 == Self.hostMAC)
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
        guard case .neighbour(.arpRequest(let ip, let mac)) = classify(f) else { Issue.record("not a request for us"); return }
        #expect(ip == Self.hostIP.value && mac == Self.hostMAC)
    }

    @Test func clearRouteSendsOnSubnetDirectlyAndTheRestToTheRouter() throws {
        let direct = try #require(ClearRoute(addresses: ["10.10.1.1/24", "fd10::1/64"], nextHops: []))
        #expect(direct.addresses == [IPAddress("10.10.1.1")!, IPAddress("fd10::1")!])
        #expect(direct.neighbour(for: IPAddress("10.10.1.77")!) == IPAddress("10.10.1.77")!)
        #expect(direct.neighbour(for: IPAddress("fd10::77")!) == IPAddress("fd10::77")!)
        #expect(direct.neighbour(for: IPAddress("10.10.2.1")!) == nil)
        #expect(direct.neighbour(for: IPAddress("fd11::1")!) == nil)
        let routed = try #require(ClearRoute(addresses: ["10.10.1.1/24", "fd10::1/64"], nextHops: ["10.10.1.254", "fd10::fe"]))
        #expect(routed.neighbour(for: IPAddress("8.8.8.8")!) == IPAddress("10.10.1.254")!)
        #expect(routed.neighbour(for: IPAddress("2001:db8::1")!) == IPAddress("fd10::fe")!)
        #expect(ClearRoute(addresses: ["10.10.1.1"], nextHops: []) == nil)                      // no subnet
        #expect(ClearRoute(addresses: ["10.10.1.1/24"], nextHops: ["10.9.9.9"]) == nil)         // router off the subnet
        #expect(ClearRoute(addresses: ["10.10.1.1/24", "10.10.2.1/24"], nextHops: []) == nil)  // two of one family
        #expect(ClearRoute(addresses: [], nextHops: []) == nil)
    }
}
