// The Internet checksum over a packet's bytes. ``InternetChecksum`` itself is the protocol
// toolkit's (CNEProtocols); these add what needs a ``Packet``.

extension InternetChecksum {
    /// Adds bytes `range` of `packet`'s data, continuing the byte sequence.
    ///
    /// ```swift
    /// var sum = InternetChecksum()
    /// try sum.add(bytesOf: packet, in: 26..<34)    // source and destination addresses
    /// sum.add(UInt16(17))                          // protocol
    /// sum.add(UInt16(udpLength))
    /// try sum.add(bytesOf: packet, in: 34..<34 + udpLength)  // header (checksum 0) and payload
    /// try packet.storeBigEndian(sum.value == 0 ? 0xFFFF : sum.value, at: 40)
    /// ```
    ///
    /// - Throws: ``CNEError/Code/invalidArgument`` when the range is not inside the data;
    ///   nothing is added.
    @inlinable public mutating func add(bytesOf packet: borrowing Packet, in range: Range<Int>) throws(CNEError) {
        // Bounds first: range.count of a huge range would overflow.
        guard range.lowerBound >= 0, range.upperBound <= packet.length else {
            throw .bounds("internetChecksum", range.upperBound, limit: packet.length)
        }
        try packet.checkBytes(at: range.lowerBound, count: range.count, "internetChecksum")
        add(raw: UnsafeRawBufferPointer(start: packet.dataPointer + range.lowerBound, count: range.count))
    }
}

extension Packet {
    /// The Internet checksum (RFC 1071) of bytes `range` of the data, in host order: what an
    /// IPv4 header stores in its checksum field (computed with the field zero), or 0 when
    /// checking a header that carries a correct one. For a pseudo-header, use
    /// ``InternetChecksum`` and ``InternetChecksum/add(bytesOf:in:)``.
    ///
    /// - Throws: ``CNEError/Code/invalidArgument`` when the range is not inside the data.
    @inlinable public func internetChecksum(in range: Range<Int>) throws(CNEError) -> UInt16 {
        var sum = InternetChecksum()
        try sum.add(bytesOf: self, in: range)
        return sum.value
    }
}
