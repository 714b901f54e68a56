/// Ethernet header helpers: the header is the first 14 bytes of the data.
extension Packet {
    /// The size of an Ethernet II header without VLAN tags.
    public static let ethernetHeaderLength = 14

    @inlinable func checkEthernet() {
        precondition(length >= Packet.ethernetHeaderLength, "packet shorter than an Ethernet header")
    }

    /// The destination MAC address (bytes 0..<6). Traps when the packet is shorter than 14 bytes.
    @inlinable public var destinationMAC: MACAddress {
        get { checkEthernet(); return dataPointer.loadUnaligned(as: MACAddress.self) }
        set { checkEthernet(); dataPointer.storeBytes(of: newValue, as: MACAddress.self) }
    }

    /// The source MAC address (bytes 6..<12). Traps when the packet is shorter than 14 bytes.
    @inlinable public var sourceMAC: MACAddress {
        get { checkEthernet(); return dataPointer.loadUnaligned(fromByteOffset: 6, as: MACAddress.self) }
        set { checkEthernet(); dataPointer.storeBytes(of: newValue, toByteOffset: 6, as: MACAddress.self) }
    }

    /// The EtherType (bytes 12..<14), in host order. Traps when shorter than 14 bytes.
    @inlinable public var etherType: UInt16 {
        get { checkEthernet(); return UInt16(bigEndian: dataPointer.loadUnaligned(fromByteOffset: 12, as: UInt16.self)) }
        set { checkEthernet(); dataPointer.storeBytes(of: newValue.bigEndian, toByteOffset: 12, as: UInt16.self) }
    }

    /// Swaps the source and destination MAC addresses, as an echo or loopback does.
    ///
    /// - Returns: false, changing nothing, when the packet is shorter than an Ethernet header.
    @inlinable @discardableResult
    public mutating func swapMACAddresses() -> Bool {
        guard length >= Packet.ethernetHeaderLength else { return false }
        let p = dataPointer
        // Two 6-byte moves as one 8-byte and one 4-byte load each: the hot path of every echo.
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
