import CNE
import WireGuardCore

/// The outer Ethernet / ARP / IPv4 / UDP framing of the CNE-port modes, on the protocol
/// toolkit's header views and writers (`CNEProtocols`, re-exported by `CNE`).
///
/// IPv4 and IPv6 outer; untagged frames only (a tagged frame is not for us: answers would go
/// out untagged); no fragments (a fragment is not a whole WireGuard datagram and is dropped).
enum OuterFraming {
    /// Bytes in front of the WireGuard message on transmit over IPv4: Ethernet, IPv4, UDP.
    static let headerLength = UDPFrameBuilder.headerLength
    /// The same over IPv6: Ethernet, IPv6, UDP.
    static let ipv6HeaderLength = EthernetHeader.minimumLength + IPv6Header.length + UDPHeader.length
    /// Room for either.
    static let maxHeaderLength = max(headerLength, ipv6HeaderLength)
    /// Where the UDP header starts in an IPv4 frame this file writes.
    static let udpOffset = EthernetHeader.minimumLength + IPv4Header.minimumLength
    /// Where it starts in an IPv6 one.
    static let ipv6UDPOffset = EthernetHeader.minimumLength + IPv6Header.length

    /// The header length in front of a datagram to `address`.
    static func headerLength(for address: IPAddress) -> Int {
        if case .v6 = address { return ipv6HeaderLength }
        return headerLength
    }

    /// What a received frame is, for the endpoint.
    enum Frame {
        /// A UDP datagram to us: payload at `payload` in the frame, from `source` (whose MAC
        /// is `sourceMAC`).
        case wireGuard(payload: Range<Int>, source: Endpoint, sourceMAC: MACAddress)
        /// An ARP request for our address from (ip, mac).
        case arpRequest(senderIP: UInt32, senderMAC: MACAddress)
        /// An ARP reply: (ip, mac) learnt.
        case arpReply(senderIP: UInt32, senderMAC: MACAddress)
        /// A neighbour solicitation for our IPv6 address (its headers, to answer in place).
        case neighborSolicitation(NeighborDiscoveryMessage, EthernetHeader, IPv6Header)
        /// A neighbour advertisement: (target, mac) learnt.
        case neighborAdvertisement(target: IPv6Address, mac: MACAddress)
        /// Anything else.
        case other
    }

    /// Classifies a received frame addressed to `localIP`:`localPort` (IPv4 only).
    static func classify(_ bytes: RawSpan, localIP: UInt32, localPort: UInt16) -> Frame {
        classify(bytes, localIP: localIP, localIPv6: nil, localPort: localPort)
    }

    /// Classifies a received frame addressed to our `localIP` (IPv4) or `localIPv6` and
    /// `localPort`. Never traps on short or odd frames: the toolkit's parsers throw, and those
    /// are `.other`.
    static func classify(_ bytes: RawSpan, localIP: UInt32?, localIPv6: IPv6Address?, localPort: UInt16) -> Frame {
        guard let ethernet = try? EthernetHeader(parsing: bytes), ethernet.outerTag == nil else { return .other }
        switch ethernet.etherType {
        case .arp:
            guard let arp = try? ARPPacket(parsing: bytes, at: ethernet.payloadOffset) else { return .other }
            if arp.operation == .request && arp.targetIP.value == localIP {
                return .arpRequest(senderIP: arp.senderIP.value, senderMAC: arp.senderMAC)
            }
            if arp.operation == .reply { return .arpReply(senderIP: arp.senderIP.value, senderMAC: arp.senderMAC) }
            return .other
        case .ipv6:
            guard let localIPv6, let ip = try? IPv6Header(parsing: bytes, at: ethernet.payloadOffset), !ip.isFragment else {
                return .other
            }
            if ip.upperLayerProtocol == .icmpv6 {
                guard let icmp = try? ICMPv6Header(parsing: bytes, at: ip.upperLayerOffset, end: ip.end),
                      icmp.type == ICMPv6Header.neighborSolicitation || icmp.type == ICMPv6Header.neighborAdvertisement,
                      ip.hopLimit == 255,    // RFC 4861 7.1.1: on-link only
                      let nd = try? NeighborDiscoveryMessage(parsing: bytes, icmp: icmp) else { return .other }
                if nd.isSolicitation {
                    return nd.target == localIPv6 ? .neighborSolicitation(nd, ethernet, ip) : .other
                }
                return .neighborAdvertisement(target: nd.target, mac: nd.linkLayerAddress ?? ethernet.source)
            }
            guard ip.upperLayerProtocol == .udp, ip.destination == localIPv6,
                  let udp = try? UDPHeader(parsing: bytes, at: ip.upperLayerOffset, end: ip.end),
                  udp.destinationPort == localPort else { return .other }
            let source = Endpoint(address: IPAddress(ip.source), port: udp.sourcePort)
            return .wireGuard(payload: udp.payloadOffset..<udp.end, source: source, sourceMAC: ethernet.source)
        case .ipv4:
            guard let localIP, let ip = try? IPv4Header(parsing: bytes, at: ethernet.payloadOffset),
                  ip.protocol == .udp, !ip.isFragment, ip.destination.value == localIP,
                  let udp = try? UDPHeader(parsing: bytes, at: ip.payloadOffset, end: ip.end),
                  udp.destinationPort == localPort else { return .other }
            let source = Endpoint(address: .v4(ip.source.value), port: udp.sourcePort)
            return .wireGuard(payload: udp.payloadOffset..<udp.end, source: source, sourceMAC: ethernet.source)
        default:
            return .other
        }
    }

    /// Writes Ethernet + IP + UDP headers into the first ``headerLength(for:)`` bytes of
    /// `bytes` for a payload of `payloadLength` bytes that follows them (in `bytes` too).
    /// Over IPv4 the UDP checksum is 0 (allowed, RFC 768: the WireGuard payload authenticates
    /// itself, and summing 1.4 kB per packet costs); over IPv6 it is mandatory (RFC 8200 8.1)
    /// and computed. Nothing is written when the families differ or the bytes are too few.
    static func writeHeaders(into bytes: inout MutableRawSpan, payloadLength: Int, sourceMAC: MACAddress,
                             destinationMAC: MACAddress, source: Endpoint, destination: Endpoint) {
        if case .v6(let src) = source.address, case .v6(let dst) = destination.address {
            writeIPv6Headers(into: &bytes, payloadLength: payloadLength, sourceMAC: sourceMAC, destinationMAC: destinationMAC,
                             source: IPv6Address(src), destination: IPv6Address(dst),
                             sourcePort: source.port, destinationPort: destination.port)
            return
        }
        guard case .v4(let srcIP) = source.address, case .v4(let dstIP) = destination.address,
              bytes.byteCount >= headerLength else { return }
        EthernetHeader.write(destination: destinationMAC, source: sourceMAC, etherType: .ipv4, into: &bytes)
        IPv4Header.write(source: IPv4Address(srcIP), destination: IPv4Address(dstIP), protocol: .udp,
                         payloadLength: UDPHeader.length + payloadLength, into: &bytes, at: EthernetHeader.minimumLength)
        writeUDPHeader(into: &bytes, at: udpOffset, sourcePort: source.port, destinationPort: destination.port,
                       payloadLength: payloadLength)
    }

    static func writeIPv6Headers(into bytes: inout MutableRawSpan, payloadLength: Int, sourceMAC: MACAddress,
                                 destinationMAC: MACAddress, source: IPv6Address, destination: IPv6Address,
                                 sourcePort: UInt16, destinationPort: UInt16) {
        let udpLength = UDPHeader.length + payloadLength
        guard bytes.byteCount >= ipv6UDPOffset + udpLength else { return }
        EthernetHeader.write(destination: destinationMAC, source: sourceMAC, etherType: .ipv6, into: &bytes)
        IPv6Header.write(source: source, destination: destination, nextHeader: .udp, payloadLength: udpLength,
                         into: &bytes, at: EthernetHeader.minimumLength)
        writeUDPHeader(into: &bytes, at: ipv6UDPOffset, sourcePort: sourcePort, destinationPort: destinationPort,
                       payloadLength: payloadLength)
        var sum = PseudoHeader.ipv6(source: source, destination: destination, protocol: .udp, length: udpLength)
        _ = sum.add(bytes.bytes, in: ipv6UDPOffset..<(ipv6UDPOffset + udpLength))
        let value = sum.value
        bytes.storeBytes(of: (value == 0 ? 0xFFFF : value).bigEndian, toByteOffset: ipv6UDPOffset + 6, as: UInt16.self)
    }

    /// The length of a neighbour solicitation frame with a source link-layer address option.
    static let solicitationLength = EthernetHeader.minimumLength + IPv6Header.length + 32

    /// Writes a neighbour solicitation for `target` from `source` (RFC 4861 4.3) to its
    /// solicited-node group, with our link-layer address, into the first
    /// ``solicitationLength`` bytes of `bytes`.
    static func writeNeighborSolicitation(into bytes: inout MutableRawSpan, sourceMAC: MACAddress, source: IPv6Address,
                                          target: IPv6Address) {
        guard bytes.byteCount >= solicitationLength else { return }
        let group = target.solicitedNodeMulticast
        EthernetHeader.write(destination: group.multicastMAC, source: sourceMAC, etherType: .ipv6, into: &bytes)
        IPv6Header.write(source: source, destination: group, nextHeader: .icmpv6, payloadLength: 32, hopLimit: 255,
                         into: &bytes, at: EthernetHeader.minimumLength)
        let o = EthernetHeader.minimumLength + IPv6Header.length
        bytes.storeBytes(of: (UInt32(ICMPv6Header.neighborSolicitation) << 24).bigEndian, toByteOffset: o, as: UInt32.self)
        bytes.storeBytes(of: UInt32(0), toByteOffset: o + 4, as: UInt32.self)     // reserved
        bytes.store(target, at: o + 8)
        bytes.storeBytes(of: UInt16(0x0101).bigEndian, toByteOffset: o + 24, as: UInt16.self)  // source LL address, 8 bytes
        bytes.store(sourceMAC, at: o + 26)
        var sum = PseudoHeader.ipv6(source: source, destination: group, protocol: .icmpv6, length: 32)
        _ = sum.add(bytes.bytes, in: o..<(o + 32))
        bytes.storeBytes(of: sum.value.bigEndian, toByteOffset: o + 2, as: UInt16.self)
    }

    /// A UDP header without checksum at `offset` (the toolkit parses UDP headers and fills
    /// checksums, but has no writer for the bare header).
    static func writeUDPHeader(into bytes: inout MutableRawSpan, at offset: Int, sourcePort: UInt16,
                               destinationPort: UInt16, payloadLength: Int) {
        bytes.storeBytes(of: sourcePort.bigEndian, toByteOffset: offset, as: UInt16.self)
        bytes.storeBytes(of: destinationPort.bigEndian, toByteOffset: offset + 2, as: UInt16.self)
        bytes.storeBytes(of: UInt16(truncatingIfNeeded: UDPHeader.length + payloadLength).bigEndian,
                         toByteOffset: offset + 4, as: UInt16.self)
        bytes.storeBytes(of: UInt16(0), toByteOffset: offset + 6, as: UInt16.self)
    }

    /// The length of an ARP frame.
    static let arpFrameLength = EthernetHeader.minimumLength + ARPPacket.length

    /// Writes an ARP request (op 1, broadcast) or reply (op 2) into the first
    /// ``arpFrameLength`` bytes of `bytes`.
    static func writeARP(into bytes: inout MutableRawSpan, op: UInt16, sourceMAC: MACAddress, sourceIP: UInt32,
                         targetMAC: MACAddress, targetIP: UInt32) {
        guard bytes.byteCount >= arpFrameLength else { return }
        let operation = ARPPacket.Operation(rawValue: op)
        EthernetHeader.write(destination: operation == .request ? .broadcast : targetMAC, source: sourceMAC,
                             etherType: .arp, into: &bytes)
        ARPPacket.write(operation, senderMAC: sourceMAC, senderIP: IPv4Address(sourceIP),
                        targetMAC: operation == .request ? .zero : targetMAC, targetIP: IPv4Address(targetIP),
                        into: &bytes, at: EthernetHeader.minimumLength)
    }
}
