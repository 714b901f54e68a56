import CNE

/// The frames tx-only mode sends: Ethernet II, IPv4 (no options, DF, TTL 64) and UDP, with a
/// 32-bit big-endian sequence number first in the payload and the bytes `0, 1, 2, ...` after
/// it. The IPv4 header checksum and the UDP checksum (over the pseudo-header) are correct.
struct UDPFrameTemplate: Sendable {
    /// The frame length without the FCS (46...1514; 60 or more on a real wire).
    let length: Int
    private let header: [UInt8]
    private let payloadPattern: [UInt8]

    static let headerLength = 42
    static let minimumLength = headerLength + 4

    /// A template from `source` to `destination`, 198.18.0.1:5000 -> 198.18.1.1:5001.
    init(length: Int, source: MACAddress, destination: MACAddress) {
        precondition((Self.minimumLength...1514).contains(length), "frame length out of range")
        self.length = length
        let ipLength = length - 14
        let udpLength = length - 34
        var h = [UInt8]()
        withUnsafeBytes(of: destination.bytes) { h += $0 }
        withUnsafeBytes(of: source.bytes) { h += $0 }
        h += [0x08, 0x00]  // IPv4
        h += [0x45, 0x00, UInt8(ipLength >> 8), UInt8(ipLength & 0xFF), 0x00, 0x00, 0x40, 0x00, 64, 17, 0, 0]
        h += [198, 18, 0, 1, 198, 18, 1, 1]
        h += [0x13, 0x88, 0x13, 0x89, UInt8(udpLength >> 8), UInt8(udpLength & 0xFF), 0, 0]
        let ipChecksum = h.withUnsafeBytes { InternetChecksum.finish(InternetChecksum.add(UnsafeRawBufferPointer(rebasing: $0[14..<34]), to: 0)) }
        h[24] = UInt8(ipChecksum >> 8)
        h[25] = UInt8(ipChecksum & 0xFF)
        header = h
        payloadPattern = (0..<(length - Self.headerLength)).map { UInt8(truncatingIfNeeded: $0) }
    }

    /// Writes the frame with sequence number `sequence` into `bytes` (exactly ``length`` bytes).
    func write(sequence: UInt32, into bytes: UnsafeMutableRawBufferPointer) {
        precondition(bytes.count == length)
        header.withUnsafeBytes { bytes.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: Self.headerLength) }
        let payload = UnsafeMutableRawBufferPointer(rebasing: bytes[Self.headerLength...])
        payloadPattern.withUnsafeBytes { payload.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        payload.storeBytes(of: sequence.bigEndian, as: UInt32.self)
        // UDP checksum: pseudo-header (addresses, protocol, UDP length), then header and payload.
        var sum = InternetChecksum.add(UnsafeRawBufferPointer(rebasing: bytes[26..<34]), to: 0)
        sum += 17 + UInt32(length - 34)
        sum = InternetChecksum.add(UnsafeRawBufferPointer(rebasing: bytes[34..<length]), to: sum)
        var checksum = InternetChecksum.finish(sum)
        if checksum == 0 { checksum = 0xFFFF }  // 0 means "no checksum" in UDP over IPv4
        bytes[40] = UInt8(checksum >> 8)
        bytes[41] = UInt8(checksum & 0xFF)
    }
}
