// libFuzzer target for WireGuardCore's parsers: `make fuzz-wireguard`.
// Compiled together with Sources/WireGuardCore into one module, so internal entry points are
// reachable. The first input byte picks the parser (its value mod 3): 0 -> a datagram through the
// message parser and a device with one peer (the full receive path); 1 -> the wg-quick config
// parser; 2 -> a UAPI `set=1` request (what `wg set` writes to the socket) applied to a device.

/// One device for the whole run: state (indices, replay windows, cookies) accumulates as a
/// real interface's would.
nonisolated(unsafe) let fuzzDevice: WireGuardDevice = {
    let d = WireGuardDevice(privateKey: X25519.generatePrivateKey(), jitter: { .zero })
    d.addPeer(publicKey: X25519.publicKey(of: X25519.generatePrivateKey()),
              endpoint: Endpoint(address: .v4(0x7f00_0001), port: 1), allowedIPs: [IPPrefix("0.0.0.0/0")!])
    return d
}()
nonisolated(unsafe) var fuzzClock: UInt64 = 1_000_000_000

/// The device `set=1` requests change (peers come and go; the datagram device keeps its peer).
nonisolated(unsafe) let fuzzUAPIDevice = WireGuardDevice(privateKey: X25519.generatePrivateKey(), jitter: { .zero })

@_cdecl("LLVMFuzzerTestOneInput")
public func wireGuardFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let input = UnsafeBufferPointer(start: data + 1, count: size - 1)
    switch data[0] % 3 {
    case 0:
        var bytes = Array(input)
        _ = try? WireGuardMessage.parse(bytes)
        fuzzClock += 7_000_000
        _ = bytes.withUnsafeMutableBytes {
            fuzzDevice.receive($0, from: Endpoint(address: .v4(0x0a00_0001), port: 51820), now: WireGuardTime(nanoseconds: fuzzClock))
        }
        fuzzDevice.tick(now: WireGuardTime(nanoseconds: fuzzClock))
        _ = fuzzDevice.takeOutbox()
    case 1:
        _ = try? WireGuardConfig(parsing: String(decoding: input, as: UTF8.self))
    default:
        fuzzClock += 7_000_000
        let now = WireGuardTime(nanoseconds: fuzzClock)
        try? fuzzUAPIDevice.uapiSet("set=1\n" + String(decoding: input, as: UTF8.self), listenPort: 51820, now: now)
        fuzzUAPIDevice.tick(now: now)
        _ = fuzzUAPIDevice.takeOutbox()
        _ = fuzzUAPIDevice.uapiGetResponse(listenPort: 51820, now: now, wallNow: (1, 0))
    }
    return 0
}
