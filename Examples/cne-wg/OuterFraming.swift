import CNE
import WireGuardCore

/// The outer Ethernet / ARP / IPv4 / UDP framing of the CNE-port modes, on the protocol
/// toolkit's header views and writers (`CNEProtocols`, re-exported by `CNE`).
///
/// IPv4 outer only; untagged frames only (a tagged frame is not for us: answers would go out
/// untagged); no fragments (a fragment is not a whole WireGuard datagram and is dropped).
enum OuterFraming {
    /// Bytes in front of the WireGuard message on transmit: Ethernet, IPv4, UDP.
    static let headerLength = UDPFrameBuilder.headerLength
    /// Where the UDP header starts in a frame this file writes.
    static let udpOffset = EthernetHeader.minimumLength + IPv4Header.minimumLength

    /// What a received frame is, for the endpoint.
    enum Frame {
        /// A UDP datagram to us: payload at `payload` in the frame, from `source` (whose MAC
        /// is `sourceMAC`).
        case wireGuard(payload: Range<Int>, source: Endpoint, sourceMAC: MACAddress)
        /// An ARP request for our address from (ip, mac).
        case arpRequest(senderIP: UInt32, senderMAC: MACAddress)
        /// An ARP reply: (ip, mac) learnt.
        case arpReply(senderIP: UInt32, senderMAC: MACAddress)
        /// Anything else.
        case other
    }

    /// Classifies a received frame addressed to `localIP`:`localPort`. Never traps on short or
    /// odd frames: the toolkit's parsers throw, and those are `.other`.
    static func classify(_ bytes: RawSpan, localIP: UInt32, localPort: UInt16) -> Frame {
        guard let ethernet = try? EthernetHeader(parsing: bytes), ethernet.outerTag == nil else { return .other }
        switch ethernet.etherType {
        case .arp:
            guard let arp = try? ARPPacket(parsing: bytes, at: ethernet.payloadOffset) else { return .other }
            if arp.operation == .request && arp.targetIP.value == localIP {
                return .arpRequest(senderIP: arp.senderIP.value, senderMAC: arp.senderMAC)
            }
            if arp.operation == .reply { return .arpReply(senderIP: arp.senderIP.value, senderMAC: arp.senderMAC) }
            return .other
        case .ipv4:
            guard let ip = try? IPv4Header(parsing: bytes, at: ethernet.payloadOffset),
                  ip.protocol == .udp, !ip.isFragment, ip.destination.value == localIP,
                  let udp = try? UDPHeader(parsing: bytes, at: ip.payloadOffset, end: ip.end),
                  udp.destinationPort == localPort else { return .other }
            let source = Endpoint(address: .v4(ip.source.value), port: udp.sourcePort)
            return .wireGuard(payload: udp.payloadOffset..<udp.end, source: source, sourceMAC: ethernet.source)
        default:
            return .other
        }
    }

    /// Writes Ethernet + IPv4 + UDP headers into the first ``headerLength`` bytes of `bytes`
    /// for a payload of `payloadLength` bytes that follows them. UDP checksum 0 (allowed over
    /// IPv4, RFC 768): the WireGuard payload authenticates itself, and summing 1.4 kB per
    /// packet would cost more than the AEAD's tag check saves.
    static func writeHeaders(into bytes: inout MutableRawSpan, payloadLength: Int, sourceMAC: MACAddress,
                             destinationMAC: MACAddress, source: Endpoint, destination: Endpoint) {
        guard case .v4(let srcIP) = source.address, case .v4(let dstIP) = destination.address,
              bytes.byteCount >= headerLength else { return }
        EthernetHeader.write(destination: destinationMAC, source: sourceMAC, etherType: .ipv4, into: &bytes)
        IPv4Header.write(source: IPv4Address(srcIP), destination: IPv4Address(dstIP), protocol: .udp,
                         payloadLength: UDPHeader.length + payloadLength, into: &bytes, at: EthernetHeader.minimumLength)
        writeUDPHeader(into: &bytes, at: udpOffset, sourcePort: source.port, destinationPort: destination.port,
                       payloadLength: payloadLength)
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
