import CNE

/// The frames tx-only mode sends: Ethernet II, IPv4 (no options, DF, TTL 64) and UDP, with a
/// 32-bit big-endian sequence number first in the payload and the bytes `0, 1, 2, ...` after
/// it. The IPv4 header checksum and the UDP checksum (over the pseudo-header) are correct.
struct UDPFrameTemplate: Sendable {
    /// The frame length without the FCS (46...1514; 60 or more on a real wire).
    let length: Int
    /// The whole frame with sequence number 0 and UDP checksum 0.
    private let frame: [UInt8]
    /// The UDP checksum's sum over the frame (sequence number 0) and the pseudo-header: each
    /// frame only adds its sequence number.
    private let udpSum: InternetChecksum

    static let headerLength = 42
    static let minimumLength = headerLength + 4

    /// A template from `source` to `destination`, 198.18.0.1:5000 -> 198.18.1.1:5001.
    init(length: Int, source: MACAddress, destination: MACAddress) {
        precondition((Self.minimumLength...1514).contains(length), "frame length out of range")
        self.length = length
        let ipLength = length - 14
        let udpLength = length - 34
        var h = destination.octets + source.octets
        h += [0x08, 0x00]  // IPv4
        h += [0x45, 0x00, UInt8(ipLength >> 8), UInt8(ipLength & 0xFF), 0x00, 0x00, 0x40, 0x00, 64, 17, 0, 0]
        h += [198, 18, 0, 1, 198, 18, 1, 1]
        h += [0x13, 0x88, 0x13, 0x89, UInt8(udpLength >> 8), UInt8(udpLength & 0xFF), 0, 0]
        var ipChecksum = InternetChecksum()
        ipChecksum.add(bytes: h[14..<34])
        h[24] = UInt8(ipChecksum.value >> 8)
        h[25] = UInt8(ipChecksum.value & 0xFF)
        var f = h + (0..<(length - Self.headerLength)).map { UInt8(truncatingIfNeeded: $0) }
        f[Self.headerLength..<Self.minimumLength] = [0, 0, 0, 0]  // the sequence number's place
        frame = f
        // Pseudo-header (addresses, protocol, UDP length), then UDP header and payload.
        var sum = InternetChecksum()
        sum.add(bytes: frame[26..<34])
        sum.add(17)
        sum.add(UInt16(udpLength))
        sum.add(bytes: frame[34...])
        udpSum = sum
    }

    /// Makes `packet` the frame with sequence number `sequence` (its length becomes ``length``).
    ///
    /// - Throws: ``CNEError/Code/invalidArgument`` when the packet's buffer is too small.
    func write(sequence: UInt32, into packet: inout Packet) throws(CNEError) {
        try packet.setLength(length)
        try packet.write(frame, at: 0)
        try packet.storeBigEndian(sequence, at: Self.headerLength)
        // The UDP checksum: the template's sum plus the sequence number's two words (the
        // payload starts at an even offset of the UDP header). Summing the whole packet,
        // `sum.add(bytesOf: packet, in: 26..<34)` and so on, gives the same.
        var sum = udpSum
        sum.add(UInt16(truncatingIfNeeded: sequence >> 16))
        sum.add(UInt16(truncatingIfNeeded: sequence))
        let checksum = sum.value
        try packet.storeBigEndian(checksum == 0 ? 0xFFFF : checksum, at: 40)  // 0 means "none" over IPv4
    }
}
