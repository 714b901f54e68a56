/// Cryptokey routing: each prefix belongs to one peer; an address goes to the peer owning the
/// longest prefix that contains it (v4 and v6 apart). Outbound it picks the peer, inbound it
/// checks that a decrypted packet's source belongs to the peer it came from.
///
/// Kept as one list per family sorted longest prefix first: a lookup is a scan that stops at
/// the first match. Fine for the handful of peers an endpoint has; a gateway with thousands of
/// prefixes wants a trie (later work).
public struct AllowedIPs<Value>: Sendable where Value: Sendable {
    private var v4: [(prefix: IPPrefix, value: Value)] = []
    private var v6: [(prefix: IPPrefix, value: Value)] = []

    /// An empty table.
    public init() {}

    /// Gives `prefix` to `value`, taking it from whoever had it.
    public mutating func insert(_ prefix: IPPrefix, _ value: Value) {
        func put(_ list: inout [(prefix: IPPrefix, value: Value)]) {
            list.removeAll { $0.prefix == prefix }
            let at = list.firstIndex { $0.prefix.length < prefix.length } ?? list.count
            list.insert((prefix, value), at: at)
        }
        if case .v4 = prefix.address { put(&v4) } else { put(&v6) }
    }

    /// Removes every prefix whose value matches.
    public mutating func removeAll(where match: (Value) -> Bool) {
        v4.removeAll { match($0.value) }
        v6.removeAll { match($0.value) }
    }

    /// The value of the longest prefix containing `address`, or nil.
    public func lookup(_ address: IPAddress) -> Value? {
        switch address {
        case .v4: return v4.first { $0.prefix.contains(address) }?.value
        case .v6: return v6.first { $0.prefix.contains(address) }?.value
        }
    }

    /// Every prefix with its value, longest first, v4 then v6.
    public var entries: [(prefix: IPPrefix, value: Value)] { v4 + v6 }
}
