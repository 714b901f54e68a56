import CNE
#if canImport(Glibc)
import Glibc
#endif

/// A listening TCP socket on an IPv4 address.
enum ListeningSocket {
    /// Binds and listens on `address:port` (0: any free port).
    ///
    /// - Returns: the socket and the port it got.
    static func open(address: String, port: UInt16) throws(CNEError) -> (socket: Int32, port: UInt16) {
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = port.bigEndian
        guard inet_pton(AF_INET, address, &addr.sin_addr) == 1 else {
            throw CNEError.invalidArgument("metrics endpoint", "\(address) is not an IPv4 address (e.g. 127.0.0.1, or 0.0.0.0 for every interface)")
        }
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw CNEError.system(errno, "socket", "cannot open the metrics endpoint's socket") }
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            let error = errno
            close(fd)
            throw CNEError.system(error, "bind", "cannot listen on \(address):\(port) for /metrics")
        }
        var got = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &got) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return (fd, UInt16(bigEndian: got.sin_port))
    }
}
