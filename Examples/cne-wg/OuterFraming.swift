import CNE
import WireGuardCore

/// The outer Ethernet / ARP / IPv4 / UDP framing of the CNE-port mode, on raw frame bytes.
///
/// Deliberately minimal and kept in this one file: the protocol toolkit (`CNEProtocols`) is
/// meant to replace it once merged. IPv4 only; no VLANs, no IP options on transmit, no
/// fragments (a fragment is not a WireGuard datagram and is dropped).
enum OuterFraming {
    static let ethernetLength = 14
    static let ipv4Length = 20
    static let udpLength = 8
    /// Bytes in front of the WireGuard message on transmit.
    static let headerLength = ethernetLength + ipv4Length + udpLength
    static let etherTypeIPv4: UInt16 = 0x0800
    static let etherTypeARP: UInt16 = 0x0806

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

    static func be16(_ f: UnsafeRawBufferPointer, _ o: Int) -> UInt16 { UInt16(f[o]) << 8 | UInt16(f[o + 1]) }
    static func be32(_ f: UnsafeRawBufferPointer, _ o: Int) -> UInt32 { UInt32(bigEndian: f.loadUnaligned(fromByteOffset: o, as: UInt32.self)) }
    static func mac(_ f: UnsafeRawBufferPointer, _ o: Int) -> MACAddress { MACAddress(f[o], f[o + 1], f[o + 2], f[o + 3], f[o + 4], f[o + 5]) }

    /// Classifies a received frame addressed to `localIP`:`localPort`. Never traps on short or
    /// odd frames: they are `.other`.
    static func classify(_ f: UnsafeRawBufferPointer, localIP: UInt32, localPort: UInt16) -> Frame {
        guard f.count >= ethernetLength else { return .other }
        switch be16(f, 12) {
        case etherTypeARP:
            // htype 1, ptype IPv4, hlen 6, plen 4.
            guard f.count >= ethernetLength + 28, be16(f, 14) == 1, be16(f, 16) == 0x0800, f[18] == 6, f[19] == 4 else { return .other }
            let op = be16(f, 20)
            let senderMAC = mac(f, 22)
            let senderIP = be32(f, 28)
            let targetIP = be32(f, 38)
            if op == 1 && targetIP == localIP { return .arpRequest(senderIP: senderIP, senderMAC: senderMAC) }
            if op == 2 { return .arpReply(senderIP: senderIP, senderMAC: senderMAC) }
            return .other
        case etherTypeIPv4:
            let ip = ethernetLength
            guard f.count >= ip + ipv4Length, f[ip] >> 4 == 4 else { return .other }
            let ihl = Int(f[ip] & 0x0f) * 4
            let total = Int(be16(f, ip + 2))
            guard ihl >= ipv4Length, total >= ihl + udpLength, ip + total <= f.count,
                  f[ip + 9] == 17,                         // UDP
                  be16(f, ip + 6) & 0x3fff == 0,           // not a fragment
                  be32(f, ip + 16) == localIP else { return .other }
            let udp = ip + ihl
            guard be16(f, udp + 2) == localPort else { return .other }
            let udpTotal = Int(be16(f, udp + 4))
            guard udpTotal >= udpLength, udp + udpTotal <= ip + total else { return .other }
            let source = Endpoint(address: .v4(be32(f, ip + 12)), port: be16(f, udp))
            return .wireGuard(payload: (udp + udpLength)..<(udp + udpTotal), source: source, sourceMAC: mac(f, 6))
        default:
            return .other
        }
    }

    /// Writes Ethernet + IPv4 + UDP headers into `f[0..<headerLength]` for a payload of
    /// `payloadLength` bytes that follows them. UDP checksum 0 (allowed over IPv4).
    static func writeHeaders(_ f: UnsafeMutableRawBufferPointer, payloadLength: Int, sourceMAC: MACAddress,
                             destinationMAC: MACAddress, source: Endpoint, destination: Endpoint) {
        guard case .v4(let srcIP) = source.address, case .v4(let dstIP) = destination.address else { return }
        func put16(_ o: Int, _ v: UInt16) { f[o] = UInt8(v >> 8); f[o + 1] = UInt8(v & 0xff) }
        func put32(_ o: Int, _ v: UInt32) { f.storeBytes(of: v.bigEndian, toByteOffset: o, as: UInt32.self) }
        func putMAC(_ o: Int, _ m: MACAddress) { for i in 0..<6 { f[o + i] = m[i] } }
        putMAC(0, destinationMAC)
        putMAC(6, sourceMAC)
        put16(12, etherTypeIPv4)
        let ip = ethernetLength
        let total = ipv4Length + udpLength + payloadLength
        f[ip] = 0x45
        f[ip + 1] = 0
        put16(ip + 2, UInt16(total))
        put16(ip + 4, 0)
        put16(ip + 6, 0x4000)          // don't fragment
        f[ip + 8] = 64
        f[ip + 9] = 17
        put16(ip + 10, 0)
        put32(ip + 12, srcIP)
        put32(ip + 16, dstIP)
        var sum = InternetChecksum()
        sum.add(bytes: UnsafeRawBufferPointer(rebasing: f[ip..<(ip + ipv4Length)]))
        put16(ip + 10, sum.value)
        let udp = ip + ipv4Length
        put16(udp, source.port)
        put16(udp + 2, destination.port)
        put16(udp + 4, UInt16(udpLength + payloadLength))
        put16(udp + 6, 0)
    }

    /// The length of an ARP frame.
    static let arpFrameLength = ethernetLength + 28

    /// Writes an ARP request (op 1, broadcast) or reply (op 2) into `f[0..<arpFrameLength]`.
    static func writeARP(_ f: UnsafeMutableRawBufferPointer, op: UInt16, sourceMAC: MACAddress, sourceIP: UInt32,
                         targetMAC: MACAddress, targetIP: UInt32) {
        func put16(_ o: Int, _ v: UInt16) { f[o] = UInt8(v >> 8); f[o + 1] = UInt8(v & 0xff) }
        func put32(_ o: Int, _ v: UInt32) { f.storeBytes(of: v.bigEndian, toByteOffset: o, as: UInt32.self) }
        func putMAC(_ o: Int, _ m: MACAddress) { for i in 0..<6 { f[o + i] = m[i] } }
        putMAC(0, op == 1 ? .broadcast : targetMAC)
        putMAC(6, sourceMAC)
        put16(12, etherTypeARP)
        put16(14, 1)
        put16(16, 0x0800)
        f[18] = 6
        f[19] = 4
        put16(20, op)
        putMAC(22, sourceMAC)
        put32(28, sourceIP)
        putMAC(32, op == 1 ? MACAddress(0, 0, 0, 0, 0, 0) : targetMAC)
        put32(38, targetIP)
    }
}
