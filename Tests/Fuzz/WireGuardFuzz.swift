// libFuzzer target for WireGuardCore's parsers: `make fuzz-wireguard`.
// Compiled together with Sources/WireGuardCore into one module, so internal entry points are
// reachable. The first input byte picks the parser: even -> a datagram through the message
// parser and a device with one peer (the full receive path); odd -> the wg-quick config parser.

/// One device for the whole run: state (indices, replay windows, cookies) accumulates as a
/// real interface's would.
nonisolated(unsafe) let fuzzDevice: WireGuardDevice = {
    let d = WireGuardDevice(privateKey: X25519.generatePrivateKey(), jitter: { .zero })
    d.addPeer(publicKey: X25519.publicKey(of: X25519.generatePrivateKey()),
              endpoint: Endpoint(address: .v4(0x7f00_0001), port: 1), allowedIPs: [IPPrefix("0.0.0.0/0")!])
    return d
}()
nonisolated(unsafe) var fuzzClock: UInt64 = 1_000_000_000

@_cdecl("LLVMFuzzerTestOneInput")
public func wireGuardFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let input = UnsafeBufferPointer(start: data + 1, count: size - 1)
    if data[0] & 1 == 0 {
        var bytes = Array(input)
        _ = try? WireGuardMessage.parse(bytes)
        fuzzClock += 7_000_000
        _ = bytes.withUnsafeMutableBytes {
            fuzzDevice.receive($0, from: Endpoint(address: .v4(0x0a00_0001), port: 51820), now: WireGuardTime(nanoseconds: fuzzClock))
        }
        fuzzDevice.tick(now: WireGuardTime(nanoseconds: fuzzClock))
        _ = fuzzDevice.takeOutbox()
    } else {
        _ = try? WireGuardConfig(parsing: String(decoding: input, as: UTF8.self))
    }
    return 0
}
