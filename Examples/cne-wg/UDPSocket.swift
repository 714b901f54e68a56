import Glibc
import WireGuardCore

/// A kernel UDP socket, IPv4 (the outer transport of the `--udp` mode).
struct UDPSocket: ~Copyable {
    let fd: Int32

    /// Binds to `port` on every IPv4 address, non-blocking.
    init(port: UInt16) throws(DriverError) {
        let s = socket(AF_INET, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard s >= 0 else { throw DriverError("socket: \(String(cString: strerror(errno)))") }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = port.bigEndian
        let status = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(s, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard status == 0 else {
            close(s)
            throw DriverError("bind UDP port \(port): \(String(cString: strerror(errno)))")
        }
        fd = s
    }

    deinit { close(fd) }

    /// Receives one datagram into `buffer`; nil when none is waiting.
    func receive(into buffer: UnsafeMutableRawBufferPointer) -> (Int, Endpoint)? {
        var addr = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let n = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { recvfrom(fd, buffer.baseAddress, buffer.count, 0, $0, &length) }
        }
        guard n >= 0 else { return nil }
        return (n, Endpoint(address: .v4(UInt32(bigEndian: addr.sin_addr.s_addr)), port: UInt16(bigEndian: addr.sin_port)))
    }

    /// Sends one datagram; IPv6 endpoints are not reachable from this IPv4 socket.
    @discardableResult
    func send(_ bytes: UnsafeRawBufferPointer, to endpoint: Endpoint) -> Bool {
        guard case .v4(let a) = endpoint.address else { return false }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = endpoint.port.bigEndian
        addr.sin_addr.s_addr = a.bigEndian
        let n = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                sendto(fd, bytes.baseAddress, bytes.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        return n == bytes.count
    }
}

/// A failure of the driver's own I/O, in words.
struct DriverError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
