import CWireGuardTun
import Glibc

/// A layer-3 TUN device: the inner side of the endpoint (the kernel's routes send packets in).
struct TunDevice: ~Copyable {
    let fd: Int32
    let name: String

    /// Opens or creates the TUN device `name` (addresses and link state are set by the caller,
    /// as wg-quick does with `ip`).
    init(name: String) throws(DriverError) {
        var actual = [CChar](repeating: 0, count: 16)
        let fd = cwg_tun_open(name, &actual, actual.count)
        guard fd >= 0 else { throw DriverError("TUN \(name): \(String(cString: strerror(-fd)))") }
        self.fd = fd
        self.name = String(decoding: actual.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    deinit { close(fd) }

    /// Reads one packet into `buffer`; nil when none is waiting.
    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int? {
        let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
        return n > 0 ? n : nil
    }

    /// Writes one packet.
    func write(_ bytes: UnsafeRawBufferPointer) {
        _ = Glibc.write(fd, bytes.baseAddress, bytes.count)
    }
}
