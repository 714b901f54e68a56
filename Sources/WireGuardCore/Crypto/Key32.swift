import Foundation

/// 32 bytes held inline (no heap): a Curve25519 key, a symmetric key, a chaining key or a hash.
///
/// Compared in constant time by ``constantTimeEquals(_:)``; `==` is for tests and tables of
/// public keys only.
public struct Key32: Sendable, Hashable {
    @usableFromInline var w0: UInt64 = 0, w1: UInt64 = 0, w2: UInt64 = 0, w3: UInt64 = 0

    /// All zero.
    public init() {}

    /// Copies exactly 32 bytes; nil for any other count.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 32 else { return nil }
        self.init()
        withUnsafeMutableBytes { dst in
            for (i, b) in bytes.enumerated() { dst[i] = b }
        }
    }

    /// Copies the 32 bytes at `pointer`.
    @inlinable public init(copying pointer: UnsafeRawPointer) {
        self.init()
        withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(start: pointer, count: 32)) }
    }

    /// Decodes standard base64 of exactly 32 bytes (the form `wg` and wg-quick use); nil otherwise.
    public init?(base64: some StringProtocol) {
        guard let data = Data(base64Encoded: String(base64)), data.count == 32 else { return nil }
        self.init(bytes: data)
    }

    /// Standard base64, as `wg` prints keys.
    public var base64: String { Data(bytes).base64EncodedString() }

    /// The 32 bytes as an array (allocates; not for the data path).
    public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

    /// Whether every byte is zero (a missing preshared key, a low-order DH result).
    public var isZero: Bool { (w0 | w1 | w2 | w3) == 0 }

    /// Equality whose time does not depend on where the keys differ.
    public func constantTimeEquals(_ other: Key32) -> Bool {
        ((w0 ^ other.w0) | (w1 ^ other.w1) | (w2 ^ other.w2) | (w3 ^ other.w3)) == 0
    }

    /// Lends the bytes.
    @inlinable public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try Swift.withUnsafeBytes(of: self, body)
    }

    /// Lends the bytes for writing.
    @inlinable public mutating func withUnsafeMutableBytes<R>(_ body: (UnsafeMutableRawBufferPointer) throws -> R) rethrows -> R {
        try Swift.withUnsafeMutableBytes(of: &self, body)
    }
}

/// 16 bytes held inline: a mac1/mac2 value or a cookie.
public struct Mac16: Sendable, Hashable {
    @usableFromInline var w0: UInt64 = 0, w1: UInt64 = 0

    /// All zero.
    public init() {}

    /// Copies the 16 bytes at `pointer`.
    @inlinable public init(copying pointer: UnsafeRawPointer) {
        self.init()
        Swift.withUnsafeMutableBytes(of: &self) { $0.copyMemory(from: UnsafeRawBufferPointer(start: pointer, count: 16)) }
    }

    /// Whether every byte is zero (a mac2 that was not sent).
    public var isZero: Bool { (w0 | w1) == 0 }

    /// Equality whose time does not depend on where the values differ.
    public func constantTimeEquals(_ other: Mac16) -> Bool { ((w0 ^ other.w0) | (w1 ^ other.w1)) == 0 }

    /// Lends the bytes.
    @inlinable public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try Swift.withUnsafeBytes(of: self, body)
    }
}
