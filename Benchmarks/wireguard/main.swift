// cne-wg-bench: WireGuardCore's transport path in isolation, in place, one thread: encrypt on one
// device and decrypt on its peer, per packet, against libsodium's bare ChaCha20-Poly1305 seal+open
// of the same bytes (the floor). Prints ns per packet (CPU time) side by side.
// Usage: cne-wg-bench [packets]   (make bench-wireguard also counts heap allocations per packet)
import Glibc
import WireGuardCore

func cpuNanoseconds() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

let packets = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 200_000 : 200_000
let a = WireGuardDevice(privateKey: X25519.generatePrivateKey())
let b = WireGuardDevice(privateKey: X25519.generatePrivateKey())
let aEndpoint = Endpoint(address: IPAddress("192.0.2.1")!, port: 1)
let bEndpoint = Endpoint(address: IPAddress("192.0.2.2")!, port: 2)
let bOnA = a.addPeer(publicKey: b.publicKey, endpoint: bEndpoint, allowedIPs: [IPPrefix("10.0.0.2/32")!])!
b.addPeer(publicKey: a.publicKey, allowedIPs: [IPPrefix("10.0.0.1/32")!])
var now = WireGuardTime.seconds(1)

func exchange(_ from: WireGuardDevice, _ to: WireGuardDevice, _ source: Endpoint, now: WireGuardTime) {
    for d in from.takeOutbox() {
        var bytes = d.bytes
        _ = bytes.withUnsafeMutableBytes { to.receive($0, from: source, now: now) }
    }
}
a.initiateHandshake(with: bOnA, now: now)
exchange(a, b, aEndpoint, now: now)
exchange(b, a, bEndpoint, now: now)
exchange(a, b, aEndpoint, now: now)      // a's keepalive makes b switch to the new session

let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 2048, alignment: 64)
defer { buffer.deallocate() }

/// Writes a minimal IPv4 header of `size` bytes total from 10.0.0.1 to 10.0.0.2 at `offset`.
func writePacket(_ buffer: UnsafeMutableRawBufferPointer, size: Int, at offset: Int) {
    let p = buffer.baseAddress! + offset
    p.initializeMemory(as: UInt8.self, repeating: 0x5a, count: size)
    let header: [UInt8] = [0x45, 0, UInt8(size >> 8), UInt8(size & 0xff), 0, 0, 0, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2]
    header.withUnsafeBytes { p.copyMemory(from: $0.baseAddress!, byteCount: 20) }
}

print("WireGuardCore transport, in place, \(packets) packets per size (CPU time, ns per packet)")
print("inner size | core encrypt+decrypt | libsodium seal+open only | core / libsodium")
for size in [64, 1420] {
    let offset = WireGuardDevice.headroom
    writePacket(buffer, size: size, at: offset)
    var failures = 0
    let t0 = cpuNanoseconds()
    for _ in 0..<packets {
        guard case .ready(let range, _) = a.encrypt(buffer, packetOffset: offset, packetLength: size, now: now) else {
            failures += 1
            continue
        }
        if case .packet = b.receive(UnsafeMutableRawBufferPointer(rebasing: buffer[range]), from: aEndpoint, now: now) {} else { failures += 1 }
    }
    let core = Double(cpuNanoseconds() - t0) / Double(packets)
    // The floor: the AEAD alone on the padded size, in place, seal then open.
    let padded = (size + 15) & ~15
    let key = SecureRandom.key()
    let t1 = cpuNanoseconds()
    for i in 0..<packets {
        let data = buffer.baseAddress! + offset
        ChaChaPoly.sealInPlace(key: key, counter: UInt64(i), data: data, count: padded, tag: data + padded)
        if !ChaChaPoly.openInPlace(key: key, counter: UInt64(i), data: data, count: padded, tag: data + padded) { failures += 1 }
    }
    let floor = Double(cpuNanoseconds() - t1) / Double(packets)
    print("\(size) B | \(Int(core)) | \(Int(floor)) | \(String(format: "%.2f", core / floor))" + (failures > 0 ? " (\(failures) FAILED)" : ""))
    now = now + .milliseconds(1)
}
