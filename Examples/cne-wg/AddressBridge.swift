import CNE
import WireGuardCore

// WireGuardCore's addresses (no dependency on the toolkit) and the toolkit's, one to the other.

extension IPAddress {
    /// The toolkit's IPv6 address as WireGuardCore's.
    init(_ address: IPv6Address) {
        self = .v6(UInt128(address.high) << 64 | UInt128(address.low))
    }
}

extension IPv6Address {
    /// WireGuardCore's IPv6 address (its 128-bit value) as the toolkit's.
    init(_ value: UInt128) {
        self.init(high: UInt64(truncatingIfNeeded: value >> 64), low: UInt64(truncatingIfNeeded: value))
    }
}
