// The protocol toolkit on a packet: parse its headers, push and pop VLAN tags, build a UDP
// frame. Everything else (answers, rewrites, checksums) works on the span that
// ``Packet/withBytes(_:)`` and ``Packet/withMutableBytes(_:)`` lend.

extension Packet {
    /// The Ethernet header, with its VLAN tags.
    ///
    /// - Throws: ``ProtocolError`` when the frame is too short for it.
    @inlinable
    public func ethernetHeader() throws(ProtocolError) -> EthernetHeader {
        try withBytes { bytes throws(ProtocolError) in try EthernetHeader(parsing: bytes) }
    }

    /// Inserts `tag` as the frame's outer VLAN tag (the addresses move 4 bytes to the front).
    ///
    /// - Throws: ``CNEError/Code/invalidArgument`` when the packet is shorter than an Ethernet
    ///   header or has fewer than 4 bytes of headroom; the packet is unchanged.
    @inlinable
    public mutating func pushVLAN(_ tag: VLANTag) throws(CNEError) {
        try checkBytes(at: 0, count: Packet.ethernetHeaderLength, "pushVLAN")
        try prepend(4)
        withMutableBytes { bytes in
            // Cannot fail: the frame is 14 bytes or more after 4 bytes of room.
            try? tag.push(into: &bytes)
        }
    }

    /// Removes the frame's outer VLAN tag (the addresses move 4 bytes to the back).
    ///
    /// - Returns: the tag, or nil, changing nothing, when the frame has none or is not an
    ///   Ethernet frame.
    @inlinable @discardableResult
    public mutating func popVLAN() -> VLANTag? {
        let tag = withMutableBytes { bytes in (try? VLANTag.pop(from: &bytes)) ?? nil }
        if tag != nil { try? removeFirst(4) }
        return tag
    }

    /// Makes the packet an Ethernet/IPv4/UDP frame carrying `payload`, with both checksums.
    ///
    /// - Throws: ``CNEError/Code/invalidArgument`` when the frame does not fit in the buffer
    ///   or the payload exceeds a UDP datagram (65507 bytes); the packet's bytes may have
    ///   changed, its length is then unchanged.
    @inlinable
    public mutating func writeUDPFrame(_ builder: UDPFrameBuilder, payload: RawSpan) throws(CNEError) {
        let frameLength = UDPFrameBuilder.headerLength + payload.byteCount
        guard payload.byteCount <= 65535 - 28 else {
            throw .bounds("writeUDPFrame", payload.byteCount, limit: 65535 - 28)
        }
        let before = length
        try setLength(frameLength)
        do throws(CNEError) {
            try write(payload, at: UDPFrameBuilder.headerLength)
        } catch {
            try? setLength(before)
            throw error
        }
        withMutableBytes { bytes in
            _ = try? builder.write(payloadLength: payload.byteCount, into: &bytes)
        }
    }
}
