/// Writes Ethernet/IPv4/UDP headers, with both checksums, in front of a payload: what a
/// generator or a protocol speaker (DNS, WireGuard, ...) puts into an allocated packet.
///
/// ```swift
/// let builder = UDPFrameBuilder(sourceMAC: a, destinationMAC: b, source: ip1, destination: ip2,
///                               sourcePort: 5000, destinationPort: 53)
/// // bytes: 42 bytes of room, then the payload already in place
/// let length = try builder.write(payloadLength: 100, into: &bytes)
/// ```
@frozen public struct UDPFrameBuilder: Hashable, Sendable {
    /// 42: Ethernet (14), IPv4 (20) and UDP (8) headers.
    @inlinable public static var headerLength: Int { 42 }

    /// The Ethernet source.
    public var sourceMAC: MACAddress
    /// The Ethernet destination.
    public var destinationMAC: MACAddress
    /// The IPv4 source.
    public var source: IPv4Address
    /// The IPv4 destination.
    public var destination: IPv4Address
    /// The UDP source port.
    public var sourcePort: UInt16
    /// The UDP destination port.
    public var destinationPort: UInt16
    /// The IPv4 time to live.
    public var timeToLive: UInt8
    /// The IPv4 identification (write a new one per datagram if they may be fragmented).
    public var identification: UInt16

    /// A builder for frames between these endpoints.
    @inlinable
    public init(
        sourceMAC: MACAddress, destinationMAC: MACAddress, source: IPv4Address, destination: IPv4Address,
        sourcePort: UInt16, destinationPort: UInt16, timeToLive: UInt8 = 64, identification: UInt16 = 0
    ) {
        self.sourceMAC = sourceMAC
        self.destinationMAC = destinationMAC
        self.source = source
        self.destination = destination
        self.sourcePort = sourcePort
        self.destinationPort = destinationPort
        self.timeToLive = timeToLive
        self.identification = identification
    }

    /// Writes the headers into the first 42 bytes of `bytes`, for the `payloadLength` bytes
    /// that follow them (already in place: the UDP checksum covers them).
    ///
    /// - Returns: the frame's length, 42 + `payloadLength`.
    /// - Throws: ``ProtocolError`` `.noRoom` when `bytes` is shorter than that, `.badLength`
    ///   when the datagram would exceed 65535 bytes.
    @inlinable @discardableResult
    public func write(payloadLength: Int, into bytes: inout MutableRawSpan) throws(ProtocolError) -> Int {
        guard payloadLength >= 0, payloadLength <= 65535 - 28 else {
            throw ProtocolError(.badLength, in: .udp, at: Self.headerLength)
        }
        let frameLength = Self.headerLength + payloadLength
        guard bytes.byteCount >= frameLength else { throw ProtocolError(.noRoom, in: .udp, at: 0) }
        EthernetHeader.write(destination: destinationMAC, source: sourceMAC, etherType: .ipv4, into: &bytes)
        IPv4Header.write(
            source: source, destination: destination, protocol: .udp, payloadLength: 8 + payloadLength,
            timeToLive: timeToLive, identification: identification, into: &bytes, at: 14)
        bytes.put16(sourcePort, 34)
        bytes.put16(destinationPort, 36)
        bytes.put16(UInt16(8 + payloadLength), 38)
        bytes.put16(0, 40)
        var sum = PseudoHeader.ipv4(source: source, destination: destination, protocol: .udp, length: 8 + payloadLength)
        sum.add(bytes.bytes, in: 34..<frameLength)
        let value = sum.value
        bytes.put16(value == 0 ? 0xFFFF : value, 40)
        return frameLength
    }
}
