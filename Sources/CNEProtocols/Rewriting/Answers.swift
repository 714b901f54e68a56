// Answers written in place over the request: the frame that came in becomes the reply, so an
// answer costs a few stores and no buffer. Each checks nothing that its parsers did not: the
// caller decides whether the request is for it (target address, type).

extension ARPPacket {
    /// Turns this request in `bytes` into the reply that says `mac` has ``targetIP``: the
    /// Ethernet frame goes back to the asker from `mac`, the operation becomes reply, and the
    /// address pairs become (`mac`, ``targetIP``) → (``senderMAC``, ``senderIP``).
    @inlinable @inline(__always)
    public func answer(in bytes: inout MutableRawSpan, ethernet: EthernetHeader, with mac: MACAddress) {
        ethernet.setAddresses(destination: ethernet.source, source: mac, in: &bytes)
        bytes.put16(Operation.reply.rawValue, offset &+ 6)
        bytes.store(mac, at: offset &+ 8)
        bytes.store(targetIP, at: offset &+ 14)
        bytes.store(senderMAC, at: offset &+ 18)
        bytes.store(senderIP, at: offset &+ 24)
    }
}

extension ICMPv4Header {
    /// Turns this echo request in `bytes` into its echo reply: addresses swapped at L2 and L3,
    /// time to live `timeToLive`, type echo reply; both checksums updated incrementally
    /// (RFC 1624), the payload untouched.
    @inlinable @inline(__always)
    public func answerEcho(
        in bytes: inout MutableRawSpan, ethernet: EthernetHeader, ipv4: IPv4Header, timeToLive: UInt8 = 64
    ) {
        // The type first: nothing is stored between the caller's test of the request's type
        // and this read of it, so the compiler can reuse the value tested (a constant).
        setType(ICMPv4Header.echoReply, code: 0, in: &bytes)
        ipv4.setTimeToLive(timeToLive, in: &bytes)
        ethernet.swapAddresses(in: &bytes)
        ipv4.swapAddresses(in: &bytes)
    }
}

extension ICMPv6Header {
    /// Turns this echo request in `bytes` into its echo reply: addresses swapped at L2 and L3
    /// (the pseudo-header sum does not change), hop limit `hopLimit`, type echo reply with the
    /// checksum updated incrementally (RFC 1624), the payload untouched.
    @inlinable @inline(__always)
    public func answerEcho(
        in bytes: inout MutableRawSpan, ethernet: EthernetHeader, ipv6: IPv6Header, hopLimit: UInt8 = 64
    ) {
        ethernet.swapAddresses(in: &bytes)
        ipv6.swapAddresses(in: &bytes)
        ipv6.setHopLimit(hopLimit, in: &bytes)
        setType(ICMPv6Header.echoReply, code: 0, in: &bytes)
    }
}

extension NeighborDiscoveryMessage {
    /// The length of the advertisement ``answer(in:ethernet:ipv6:with:)`` writes, counted from
    /// the IPv6 header: 40 + 24 + an 8-byte target link-layer address option.
    @inlinable public static var advertisementLength: Int { 72 }

    /// Writes, over this solicitation in `bytes`, the advertisement that `mac` has ``target``
    /// (RFC 4861 7.2.4): to the solicitor (or to all nodes when it solicited from `::`, for
    /// duplicate address detection), from ``target``, hop limit 255, solicited and override
    /// flags, a target link-layer address option, and its checksum. Extension headers of the
    /// solicitation are not kept.
    ///
    /// - Returns: the length the frame must now have (set the packet's length to it).
    /// - Throws: ``ProtocolError`` `.noRoom` when `bytes` is shorter than that (grow the
    ///   packet first: a solicitation without options is 8 bytes shorter).
    @inlinable @discardableResult
    public func answer(
        in bytes: inout MutableRawSpan, ethernet: EthernetHeader, ipv6: IPv6Header, with mac: MACAddress
    ) throws(ProtocolError) -> Int {
        let frameLength = ipv6.offset + Self.advertisementLength
        guard bytes.byteCount >= frameLength else { throw ProtocolError(.noRoom, in: .icmpv6, at: ipv6.offset) }
        let toAll = ipv6.source.isUnspecified
        let destination = toAll ? IPv6Address.allNodes : ipv6.source
        let destinationMAC = toAll ? destination.multicastMAC : (linkLayerAddress ?? ethernet.source)
        ethernet.setAddresses(destination: destinationMAC, source: mac, in: &bytes)
        IPv6Header.write(
            source: target, destination: destination, nextHeader: .icmpv6, payloadLength: 32, hopLimit: 255,
            into: &bytes, at: ipv6.offset)
        let o = ipv6.offset &+ 40
        bytes.put32(UInt32(ICMPv6Header.neighborAdvertisement) << 24, o)  // type, code 0, checksum 0
        bytes.put32(toAll ? 0x2000_0000 : 0x6000_0000, o &+ 4)  // S (unless to all) and O
        bytes.store(target, at: o &+ 8)
        bytes.put16(0x0201, o &+ 24)  // target link-layer address, 1 x 8 bytes
        bytes.store(mac, at: o &+ 26)
        var sum = PseudoHeader.ipv6(source: target, destination: destination, protocol: .icmpv6, length: 32)
        sum.add(bytes.bytes, in: o..<o &+ 32)
        bytes.put16(sum.value, o &+ 2)
        return frameLength
    }
}
