/// Why bytes from the wire are not a WireGuard message. A struct over a private enum, so new
/// reasons can be added without breaking callers; ``description`` names what and where.
public struct MessageError: Error, Sendable, Equatable, CustomStringConvertible {
    enum Reason: Sendable, Equatable {
        case empty
        case unknownType(UInt8)
        case reservedNotZero(offset: Int)
        case wrongLength(type: UInt8, expected: Int, actual: Int)
        case transportTooShort(actual: Int)
    }

    let reason: Reason

    /// The message type byte, when the first byte was read.
    public var messageType: UInt8? {
        switch reason {
        case .empty: return nil
        case .unknownType(let t): return t
        case .reservedNotZero: return nil
        case .wrongLength(let t, _, _): return t
        case .transportTooShort: return MessageType.transport
        }
    }

    /// What is wrong, and at which byte offset or length.
    public var description: String {
        switch reason {
        case .empty: return "empty datagram"
        case .unknownType(let t): return "byte 0: unknown message type \(t)"
        case .reservedNotZero(let offset): return "byte \(offset): reserved header byte is not zero"
        case .wrongLength(let t, let expected, let actual):
            return "message type \(t) must be \(expected) bytes, got \(actual)"
        case .transportTooShort(let actual):
            return "transport message must be at least \(TransportHeader.size + ChaChaPoly.tagSize) bytes, got \(actual)"
        }
    }
}

/// The four message types (the first byte; bytes 1-3 are reserved zero).
public enum MessageType {
    /// Handshake initiation, 148 bytes.
    public static let initiation: UInt8 = 1
    /// Handshake response, 92 bytes.
    public static let response: UInt8 = 2
    /// Cookie reply, 64 bytes.
    public static let cookieReply: UInt8 = 3
    /// Transport data: 16-byte header, ciphertext, 16-byte tag.
    public static let transport: UInt8 = 4
}

extension UnsafeRawBufferPointer {
    @inline(__always) func le32(_ offset: Int) -> UInt32 {
        UInt32(littleEndian: loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    @inline(__always) func le64(_ offset: Int) -> UInt64 {
        UInt64(littleEndian: loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    @inline(__always) func key(_ offset: Int) -> Key32 { Key32(copying: baseAddress! + offset) }

    @inline(__always) func mac(_ offset: Int) -> Mac16 { Mac16(copying: baseAddress! + offset) }

    func bytes(_ offset: Int, _ count: Int) -> [UInt8] { Array(self[offset..<(offset + count)]) }
}

extension Array where Element == UInt8 {
    mutating func appendLE32(_ v: UInt32) { Swift.withUnsafeBytes(of: v.littleEndian) { append(contentsOf: $0) } }
    mutating func appendLE64(_ v: UInt64) { Swift.withUnsafeBytes(of: v.littleEndian) { append(contentsOf: $0) } }
    mutating func append(_ k: Key32) { k.withUnsafeBytes { append(contentsOf: $0) } }
    mutating func append(_ m: Mac16) { m.withUnsafeBytes { append(contentsOf: $0) } }
}
