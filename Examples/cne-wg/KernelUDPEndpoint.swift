import Glibc
import WireGuardCore

/// The `--udp` mode: WireGuardCore between a kernel UDP socket and a TUN device, in one thread.
/// The reference the CNE-port mode is measured against, and the quickest interop check.
struct KernelUDPEndpoint: ~Copyable {
    let device: WireGuardDevice
    let socket: UDPSocket
    let tun: TunDevice
    /// One buffer for everything: headroom for the WireGuard header, room for padding and tag.
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 65536 + 64, alignment: 64)

    init(device: WireGuardDevice, socket: consuming UDPSocket, tun: consuming TunDevice) {
        self.device = device
        self.socket = socket
        self.tun = tun
    }

    deinit { buffer.deallocate() }

    /// Runs until `deadline` (monotonic) or a stop signal, printing status every second.
    func run(until deadline: WireGuardTime, initiate: Bool, status: StatusPrinter, uapi: UAPIServer?, listenPort: UInt16,
             metrics: WireGuardMetrics? = nil) {
        if initiate {
            for peer in device.peers { device.initiateHandshake(with: peer, now: monotonicNow()) }
        }
        device.start(now: monotonicNow())
        flushOutbox()
        var fds = [pollfd(fd: socket.fd, events: Int16(POLLIN), revents: 0), pollfd(fd: tun.fd, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: uapi?.fd ?? -1, events: Int16(POLLIN), revents: 0)]
        var lastStatus = monotonicNow()
        while !stopRequested() {
            let now = monotonicNow()
            if now >= deadline { break }
            _ = poll(&fds, 3, 100)
            if fds[2].revents != 0 { uapi?.serve(device, listenPort: listenPort) }
            // Bounded batches so neither side starves the other.
            for _ in 0..<64 {
                guard let (n, source) = socket.receive(into: buffer) else { break }
                let datagram = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<n])
                if case .packet(_, let range) = device.receive(datagram, from: source, now: monotonicNow()) {
                    tun.write(UnsafeRawBufferPointer(rebasing: datagram[range]))
                }
            }
            for _ in 0..<64 {
                let room = UnsafeMutableRawBufferPointer(rebasing: buffer[WireGuardDevice.headroom..<(buffer.count - WireGuardDevice.tailroom)])
                guard let n = tun.read(into: room) else { break }
                if case .ready(let range, let endpoint) = device.encrypt(buffer, packetOffset: WireGuardDevice.headroom,
                                                                       packetLength: n, now: monotonicNow()) {
                    socket.send(UnsafeRawBufferPointer(rebasing: buffer[range]), to: endpoint)
                }
            }
            rekeyIfRequested(device)
            device.tick(now: monotonicNow())
            flushOutbox()
            if monotonicNow() >= lastStatus + .seconds(1) {
                lastStatus = monotonicNow()
                metrics?.publish(device)
                status.print(device)
            }
        }
        metrics?.publish(device)
        status.print(device)
    }

    func flushOutbox() {
        for d in device.takeOutbox() {
            d.bytes.withUnsafeBytes { _ = socket.send($0, to: d.endpoint) }
        }
    }
}

/// The monotonic clock the core is driven by.
func monotonicNow() -> WireGuardTime {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return WireGuardTime(nanoseconds: UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec))
}
