/// Ethernet header helpers: the header is the first 14 bytes of the data. On a frame shorter
/// than that (a runt from the wire) the getters are nil and the setters throw: nothing here
/// traps. For tags, the payload offset and the layers above, parse with ``ethernetHeader()``.
extension Packet {
    /// The size of an Ethernet II header without VLAN tags.
    public static let ethernetHeaderLength = 14

    /// The destination MAC address (bytes 0..<6), or nil when the packet is shorter than 14 bytes.
    @inlinable public var destinationMAC: MACAddress? {
        guard length >= Packet.ethernetHeaderLength else { return nil }
        return dataPointer.loadUnaligned(as: MACAddress.self)
    }

    /// The source MAC address (bytes 6..<12), or nil when the packet is shorter than 14 bytes.
    @inlinable public var sourceMAC: MACAddress? {
        guard length >= Packet.ethernetHeaderLength else { return nil }
        return dataPointer.loadUnaligned(fromByteOffset: 6, as: MACAddress.self)
    }

    /// The EtherType (bytes 12..<14) in host order, or nil when the packet is shorter than 14
    /// bytes. For a tagged frame this is the tag's type (0x8100): ``ethernetHeader()`` walks
    /// the tags.
    @inlinable public var etherType: UInt16? {
        guard length >= Packet.ethernetHeaderLength else { return nil }
        return UInt16(bigEndian: dataPointer.loadUnaligned(fromByteOffset: 12, as: UInt16.self))
    }

    /// Sets the destination MAC address (bytes 0..<6).
    ///
    /// - Throws: ``CNEError/Code/invalidArgument`` when the packet is shorter than 14 bytes.
    @inlinable public mutating func setDestinationMAC(_ address: MACAddress) throws(CNEError) {
        try checkBytes(at: 0, count: Packet.ethernetHeaderLength, "setDestinationMAC")
        dataPointer.storeBytes(of: address, as: MACAddress.self)
    }

    /// Sets the source MAC address (bytes 6..<12).
    ///
    /// - Throws: ``CNEError/Code/invalidArgument`` when the packet is shorter than 14 bytes.
    @inlinable public mutating func setSourceMAC(_ address: MACAddress) throws(CNEError) {
        try checkBytes(at: 0, count: Packet.ethernetHeaderLength, "setSourceMAC")
        dataPointer.storeBytes(of: address, toByteOffset: 6, as: MACAddress.self)
    }

    /// Sets the EtherType (bytes 12..<14), given in host order.
    ///
    /// - Throws: ``CNEError/Code/invalidArgument`` when the packet is shorter than 14 bytes.
    @inlinable public mutating func setEtherType(_ type: UInt16) throws(CNEError) {
        try checkBytes(at: 0, count: Packet.ethernetHeaderLength, "setEtherType")
        dataPointer.storeBytes(of: type.bigEndian, toByteOffset: 12, as: UInt16.self)
    }

    /// Swaps the source and destination MAC addresses, as an echo or loopback does.
    ///
    /// - Returns: false, changing nothing, when the packet is shorter than an Ethernet header.
    @inlinable @discardableResult
    public mutating func swapMACAddresses() -> Bool {
        guard length >= Packet.ethernetHeaderLength else { return false }
        let p = dataPointer
        // Two 6-byte moves as one 4-byte and one 2-byte load each: the hot path of every echo.
        let d0 = p.loadUnaligned(as: UInt32.self)
        let d1 = p.loadUnaligned(fromByteOffset: 4, as: UInt16.self)
        let s0 = p.loadUnaligned(fromByteOffset: 6, as: UInt32.self)
        let s1 = p.loadUnaligned(fromByteOffset: 10, as: UInt16.self)
        p.storeBytes(of: s0, as: UInt32.self)
        p.storeBytes(of: s1, toByteOffset: 4, as: UInt16.self)
        p.storeBytes(of: d0, toByteOffset: 6, as: UInt32.self)
        p.storeBytes(of: d1, toByteOffset: 10, as: UInt16.self)
        return true
    }
}
