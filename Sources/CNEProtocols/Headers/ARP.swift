/// An ARP packet for IPv4 over Ethernet (RFC 826): the only kind on an Ethernet LAN.
@frozen public struct ARPPacket: Hashable, Sendable {
    /// 28: hardware and protocol types and sizes, operation, two address pairs.
    @inlinable public static var length: Int { 28 }

    /// ARP's operation codes.
    @frozen public struct Operation: RawRepresentable, Hashable, Sendable {
        /// The 16-bit number.
        public var rawValue: UInt16
        /// The operation numbered `rawValue`.
        @inlinable public init(rawValue: UInt16) { self.rawValue = rawValue }
        /// 1: who has the target IP?
        @inlinable public static var request: Operation { Operation(rawValue: 1) }
        /// 2: the sender has it.
        @inlinable public static var reply: Operation { Operation(rawValue: 2) }
    }

    /// Where the packet starts.
    public let offset: Int
    /// Request, reply, or another code.
    public let operation: Operation
    /// The sender's hardware address.
    public let senderMAC: MACAddress
    /// The sender's IPv4 address.
    public let senderIP: IPv4Address
    /// The target's hardware address (zero in a request).
    public let targetMAC: MACAddress
    /// The IPv4 address asked for.
    public let targetIP: IPv4Address

    /// Parses the packet at byte `offset` of `bytes`.
    ///
    /// - Throws: ``ProtocolError`` `.truncated` when 28 bytes do not fit, `.unsupported`
    ///   unless hardware is Ethernet (1, 6 bytes) and protocol IPv4 (0x0800, 4 bytes).
    @inlinable @inline(__always)
    public init(parsing bytes: RawSpan, at offset: Int) throws(ProtocolError) {
        guard bytes.has(28, at: offset) else { throw ProtocolError(.truncated, in: .arp, at: offset) }
        guard bytes.be32(offset) == 0x0001_0800, bytes.be16(offset &+ 4) == 0x0604 else {
            throw ProtocolError(.unsupported, in: .arp, at: offset)
        }
        self.offset = offset
        operation = Operation(rawValue: bytes.be16(offset &+ 6))
        senderMAC = bytes.unsafeLoadUnaligned(fromUncheckedByteOffset: offset &+ 8, as: MACAddress.self)
        senderIP = IPv4Address(bytes.be32(offset &+ 14))
        targetMAC = bytes.unsafeLoadUnaligned(fromUncheckedByteOffset: offset &+ 18, as: MACAddress.self)
        targetIP = IPv4Address(bytes.be32(offset &+ 24))
    }

    /// Writes a whole ARP packet at byte `offset` of `bytes` (traps when 28 bytes do not fit
    /// there: the offset is the program's).
    @inlinable
    public static func write(
        _ operation: Operation, senderMAC: MACAddress, senderIP: IPv4Address, targetMAC: MACAddress,
        targetIP: IPv4Address, into bytes: inout MutableRawSpan, at offset: Int
    ) {
        bytes.put32(0x0001_0800, offset)
        bytes.put16(0x0604, offset &+ 4)
        bytes.put16(operation.rawValue, offset &+ 6)
        bytes.store(senderMAC, at: offset &+ 8)
        bytes.store(senderIP, at: offset &+ 14)
        bytes.store(targetMAC, at: offset &+ 18)
        bytes.store(targetIP, at: offset &+ 24)
    }
}
