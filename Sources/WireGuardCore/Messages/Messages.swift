/// Message 1: the initiator's first handshake message (148 bytes).
public struct HandshakeInitiation: Sendable, Equatable {
    /// The wire size.
    public static let size = 148
    /// Where mac1 starts: mac1 covers the bytes before it.
    public static let mac1Offset = 116
    /// Where mac2 starts: mac2 covers the bytes before it.
    public static let mac2Offset = 132

    /// The initiator's session index.
    public var sender: UInt32
    /// The initiator's ephemeral public key.
    public var ephemeral: Key32
    /// The initiator's static public key, sealed (32 + 16 bytes).
    public var encryptedStatic: [UInt8]
    /// The TAI64N timestamp, sealed (12 + 16 bytes).
    public var encryptedTimestamp: [UInt8]
    /// mac1 and mac2.
    public var mac1 = Mac16(), mac2 = Mac16()

    /// The 148 wire bytes.
    public var bytes: [UInt8] {
        var b = [UInt8]()
        b.reserveCapacity(Self.size)
        b.appendLE32(UInt32(MessageType.initiation))
        b.appendLE32(sender)
        b.append(ephemeral)
        b += encryptedStatic
        b += encryptedTimestamp
        b.append(mac1)
        b.append(mac2)
        return b
    }

    init(sender: UInt32, ephemeral: Key32, encryptedStatic: [UInt8], encryptedTimestamp: [UInt8]) {
        self.sender = sender
        self.ephemeral = ephemeral
        self.encryptedStatic = encryptedStatic
        self.encryptedTimestamp = encryptedTimestamp
    }

    init(parsing b: UnsafeRawBufferPointer) {
        sender = b.le32(4)
        ephemeral = b.key(8)
        encryptedStatic = b.bytes(40, 48)
        encryptedTimestamp = b.bytes(88, 28)
        mac1 = b.mac(116)
        mac2 = b.mac(132)
    }
}

/// Message 2: the responder's handshake message (92 bytes).
public struct HandshakeResponse: Sendable, Equatable {
    /// The wire size.
    public static let size = 92
    /// Where mac1 starts.
    public static let mac1Offset = 60
    /// Where mac2 starts.
    public static let mac2Offset = 76

    /// The responder's session index.
    public var sender: UInt32
    /// The initiator's session index, echoed.
    public var receiver: UInt32
    /// The responder's ephemeral public key.
    public var ephemeral: Key32
    /// The sealed empty payload (16 bytes: a tag).
    public var encryptedNothing: [UInt8]
    /// mac1 and mac2.
    public var mac1 = Mac16(), mac2 = Mac16()

    /// The 92 wire bytes.
    public var bytes: [UInt8] {
        var b = [UInt8]()
        b.reserveCapacity(Self.size)
        b.appendLE32(UInt32(MessageType.response))
        b.appendLE32(sender)
        b.appendLE32(receiver)
        b.append(ephemeral)
        b += encryptedNothing
        b.append(mac1)
        b.append(mac2)
        return b
    }

    init(sender: UInt32, receiver: UInt32, ephemeral: Key32, encryptedNothing: [UInt8]) {
        self.sender = sender
        self.receiver = receiver
        self.ephemeral = ephemeral
        self.encryptedNothing = encryptedNothing
    }

    init(parsing b: UnsafeRawBufferPointer) {
        sender = b.le32(4)
        receiver = b.le32(8)
        ephemeral = b.key(12)
        encryptedNothing = b.bytes(44, 16)
        mac1 = b.mac(60)
        mac2 = b.mac(76)
    }
}

/// Message 3: a responder under load answers with a cookie instead of a response (64 bytes).
public struct CookieReply: Sendable, Equatable {
    /// The wire size.
    public static let size = 64

    /// The sender index of the message this answers.
    public var receiver: UInt32
    /// The XChaCha20 nonce (24 bytes).
    public var nonce: [UInt8]
    /// The cookie, sealed (16 + 16 bytes).
    public var encryptedCookie: [UInt8]

    /// The 64 wire bytes.
    public var bytes: [UInt8] {
        var b = [UInt8]()
        b.reserveCapacity(Self.size)
        b.appendLE32(UInt32(MessageType.cookieReply))
        b.appendLE32(receiver)
        b += nonce
        b += encryptedCookie
        return b
    }

    init(receiver: UInt32, nonce: [UInt8], encryptedCookie: [UInt8]) {
        self.receiver = receiver
        self.nonce = nonce
        self.encryptedCookie = encryptedCookie
    }

    init(parsing b: UnsafeRawBufferPointer) {
        receiver = b.le32(4)
        nonce = b.bytes(8, 24)
        encryptedCookie = b.bytes(32, 32)
    }
}

/// Message 4's header: type, receiver index, counter. The ciphertext and tag follow it.
public struct TransportHeader: Sendable, Equatable {
    /// The header size.
    public static let size = 16

    /// The receiver's session index.
    public var receiver: UInt32
    /// The nonce counter.
    public var counter: UInt64

    /// Writes the 16 header bytes at `p`.
    @inlinable public func write(to p: UnsafeMutableRawPointer) {
        p.storeBytes(of: UInt32(MessageType.transport).littleEndian, as: UInt32.self)
        p.storeBytes(of: receiver.littleEndian, toByteOffset: 4, as: UInt32.self)
        p.storeBytes(of: counter.littleEndian, toByteOffset: 8, as: UInt64.self)
    }
}

/// One parsed message: the header fields are read, nothing is decrypted or authenticated yet.
public enum WireGuardMessage: Sendable, Equatable {
    /// Message 1.
    case initiation(HandshakeInitiation)
    /// Message 2.
    case response(HandshakeResponse)
    /// Message 3.
    case cookieReply(CookieReply)
    /// Message 4: the header; the sealed payload is the rest of the datagram.
    case transport(TransportHeader)

    /// Parses one datagram. Never traps: any byte string gives a message or a ``MessageError``.
    public static func parse(_ b: UnsafeRawBufferPointer) throws(MessageError) -> WireGuardMessage {
        guard b.count >= 1 else { throw MessageError(reason: .empty) }
        let type = b[0]
        func expect(_ size: Int) throws(MessageError) {
            guard b.count == size else { throw MessageError(reason: .wrongLength(type: type, expected: size, actual: b.count)) }
        }
        switch type {
        case MessageType.initiation: try expect(HandshakeInitiation.size)
        case MessageType.response: try expect(HandshakeResponse.size)
        case MessageType.cookieReply: try expect(CookieReply.size)
        case MessageType.transport:
            guard b.count >= TransportHeader.size + ChaChaPoly.tagSize else {
                throw MessageError(reason: .transportTooShort(actual: b.count))
            }
        default: throw MessageError(reason: .unknownType(type))
        }
        for offset in 1..<4 where b[offset] != 0 {
            throw MessageError(reason: .reservedNotZero(offset: offset))
        }
        switch type {
        case MessageType.initiation: return .initiation(HandshakeInitiation(parsing: b))
        case MessageType.response: return .response(HandshakeResponse(parsing: b))
        case MessageType.cookieReply: return .cookieReply(CookieReply(parsing: b))
        default: return .transport(TransportHeader(receiver: b.le32(4), counter: b.le64(8)))
        }
    }

    /// Parses an array (tests, tools).
    public static func parse(_ bytes: [UInt8]) throws(MessageError) -> WireGuardMessage {
        let result = bytes.withUnsafeBytes { b in Result { () throws(MessageError) in try parse(b) } }
        return try result.get()
    }
}
