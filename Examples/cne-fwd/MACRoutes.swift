import CNE

/// fwd mode's table: which port owns a destination MAC address, else the default port.
struct MACRoutes: Sendable {
    private let addresses: [MACAddress]
    private let indexes: [Int]
    /// The port (index into the instance's ports) for unknown destinations, or nil to drop them.
    let defaultPort: Int?

    /// Routes to every port that has a MAC address.
    init(ports: [Port], defaultPort: Int?) {
        var addresses: [MACAddress] = []
        var indexes: [Int] = []
        for port in ports {
            if let mac = port.macAddress {
                addresses.append(mac)
                indexes.append(port.index)
            }
        }
        self.addresses = addresses
        self.indexes = indexes
        self.defaultPort = defaultPort
    }

    /// The port to send a frame for `destination` out of, or nil to drop it.
    @inline(__always)
    func port(for destination: MACAddress) -> Int? {
        // A few ports: a linear scan beats hashing.
        for i in addresses.indices where addresses[i] == destination { return indexes[i] }
        return defaultPort
    }
}
