// Pushing and popping an 802.1Q/802.1ad tag: the 12 address bytes move by 4, nothing else.

extension VLANTag {
    /// Inserts `self` into the untagged or tagged frame that starts at byte 4 of `bytes`
    /// (the first 4 bytes are room, e.g. a packet's prepended headroom): afterwards the frame
    /// starts at byte 0 with this tag as its outer tag.
    ///
    /// - Throws: ``ProtocolError`` `.truncated` when no Ethernet header follows the room.
    @inlinable
    public func push(into bytes: inout MutableRawSpan) throws(ProtocolError) {
        guard bytes.byteCount >= 4 + 14 else { throw ProtocolError(.truncated, in: .ethernet, at: 4) }
        bytes.move(from: 4, to: 0, count: 12)
        bytes.put16(type.rawValue, 12)
        bytes.put16(control, 14)
    }

    /// Removes the outer tag of the frame at byte 0 of `bytes`: afterwards the frame starts at
    /// byte 4 (drop the first 4 bytes).
    ///
    /// - Returns: the tag removed, or nil, changing nothing, when the frame has none.
    /// - Throws: ``ProtocolError`` when the bytes are not an Ethernet frame.
    @inlinable
    public static func pop(from bytes: inout MutableRawSpan) throws(ProtocolError) -> VLANTag? {
        let ethernet = try EthernetHeader(parsing: bytes.bytes, at: 0)
        guard let tag = ethernet.outerTag else { return nil }
        bytes.move(from: 0, to: 4, count: 12)
        return tag
    }
}
