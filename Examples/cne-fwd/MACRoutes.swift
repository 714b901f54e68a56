import CNE

/// fwd mode's table: which port owns a destination MAC address, else the default port.
struct MACRoutes: Sendable {
    private let keys: [UInt64]
    private let indexes: [Int]
    /// The port (index into the instance's ports) for unknown destinations, or nil to drop them.
    let defaultPort: Int?

    /// Routes to every port that has a MAC address.
    init(ports: [Port], defaultPort: Int?) {
        var keys: [UInt64] = []
        var indexes: [Int] = []
        for port in ports {
            if let mac = port.macAddress {
                keys.append(Self.key(mac))
                indexes.append(port.index)
            }
        }
        self.keys = keys
        self.indexes = indexes
        self.defaultPort = defaultPort
    }

    @inline(__always)
    static func key(_ mac: MACAddress) -> UInt64 {
        withUnsafeBytes(of: mac.bytes) { raw in
            var k: UInt64 = 0
            for b in raw { k = k << 8 | UInt64(b) }
            return k
        }
    }

    /// The port to send a frame for `destination` out of, or nil to drop it.
    @inline(__always)
    func port(for destination: MACAddress) -> Int? {
        let k = Self.key(destination)
        for i in keys.indices where keys[i] == k { return indexes[i] }
        return defaultPort
    }
}
