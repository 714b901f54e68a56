import Glibc
import WireGuardCore

/// The UAPI socket, `/var/run/wireguard/<interface>.sock`, so the stock `wg show` lists our
/// peers and `wg set` changes them. Serves from the loop's thread (one request per connection,
/// non-blocking accept, bounded in size and time): `get=1` reads the device, `set=1` applies
/// to it (``WireGuardDevice/uapiSet(_:listenPort:now:)``), all or nothing.
final class UAPIServer {
    let fd: Int32
    let path: String

    init(interface: String) throws(DriverError) {
        let directory = "/var/run/wireguard"
        mkdir(directory, 0o755)
        path = "\(directory)/\(interface).sock"
        unlink(path)
        let s = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard s >= 0 else { throw DriverError("UAPI socket: \(String(cString: strerror(errno)))") }
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: addr.sun_path) else {
            close(s)
            throw DriverError("UAPI path too long: \(path)")
        }
        withUnsafeMutableBytes(of: &addr.sun_path) { dst in
            for (i, b) in bytes.enumerated() { dst[i] = b }
        }
        let status = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(s, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard status == 0, listen(s, 8) == 0 else {
            close(s)
            throw DriverError("UAPI \(path): \(String(cString: strerror(errno)))")
        }
        fd = s
    }

    /// The largest request read (a `wg setconf` of many peers and prefixes fits).
    static let maxRequest = 1 << 20

    deinit {
        close(fd)
        unlink(path)
    }

    /// Answers every waiting client.
    func serve(_ device: WireGuardDevice, listenPort: UInt16) {
        while true {
            let client = accept(fd, nil, nil)
            guard client >= 0 else { return }
            defer { close(client) }
            // The request is tiny; wait briefly for all of it (bounded: 100 ms).
            var request = [UInt8]()
            var chunk = [UInt8](repeating: 0, count: 512)
            var entry = pollfd(fd: client, events: Int16(POLLIN), revents: 0)
            while !request.suffix(2).elementsEqual([10, 10]), request.count < Self.maxRequest, poll(&entry, 1, 100) > 0 {
                let n = read(client, &chunk, chunk.count)
                if n <= 0 { break }
                request += chunk[0..<n]
            }
            // `wg` connects once just to see that the socket is alive, and closes: no answer.
            guard !request.isEmpty else { continue }
            let text = String(decoding: request, as: UTF8.self)
            let response: String
            if text.hasPrefix("get=1\n") {
                response = device.uapiGetResponse(listenPort: listenPort, now: monotonicNow(), wallNow: WireGuardDevice.systemWallClock())
            } else if text.hasPrefix("set=1\n") {
                do {
                    try device.uapiSet(text, listenPort: listenPort, now: monotonicNow())
                    response = "errno=0\n\n"
                } catch {
                    print("cne-wg: UAPI set refused: \(error)")
                    response = "errno=\(error.errno)\n\n"
                }
            } else {
                response = "errno=\(EINVAL)\n\n"
            }
            // MSG_NOSIGNAL: a client that went away must not kill the endpoint with SIGPIPE.
            _ = response.utf8CString.withUnsafeBufferPointer { send(client, $0.baseAddress, $0.count - 1, Int32(MSG_NOSIGNAL)) }
        }
    }
}
