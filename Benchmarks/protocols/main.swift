// cne-bench-protocols: what the protocol toolkit costs per packet against the same work
// written by hand on raw offsets, over net_null bursts (rx -> work -> tx). `make
// bench-protocols` runs it side by side (Benchmarks/protocols/run.py).
//
// Usage: cne-bench-protocols MODE BURST PACKETS [WARMUP]
//   MODE: base (rx/tx only), copy (rx, write an ICMP echo request over the frame, tx),
//         parse-toolkit, parse-hand (Ethernet+IPv4+UDP), echo-toolkit, echo-hand (copy, then
//         answer the echo request in place); parse-hand-untagged, echo-hand-untagged: the
//         hand-written work without VLAN tags and IPv4 options (less work, for comparison)
// Prints: MODE burst=B packets=N seconds=T ns_per_packet=X cpu_ns_per_packet=C sink=S
import CNE
#if canImport(Glibc)
import Glibc
#endif

func fail(_ line: String) -> Never {
    let text = line + "\n"
    _ = write(2, text, text.utf8.count)
    exit(2)
}

let arguments = CommandLine.arguments
enum Mode: String, CaseIterable {
    case base, copy, parseToolkit = "parse-toolkit", parseHand = "parse-hand", echoToolkit = "echo-toolkit", echoHand = "echo-hand"
    case parseHandUntagged = "parse-hand-untagged", echoHandUntagged = "echo-hand-untagged"
}
let modes = Mode.allCases.map(\.rawValue)
guard arguments.count >= 4, let mode = Mode(rawValue: arguments[1]), let burstSize = Int(arguments[2]),
    (1...1024).contains(burstSize), let packets = Int(arguments[3]), packets >= 0
else { fail("usage: cne-bench-protocols \(modes.joined(separator: "|")) BURST PACKETS [WARMUP]") }
let warmup = arguments.count > 4 ? Int(arguments[4]) ?? 200_000 : 200_000

/// A 64-byte ICMP echo request from 192.0.2.1 to ``me``, checksums right (made once).
let request: [UInt8] = {
    var frame = [UInt8](repeating: 0x5A, count: 64)
    var span = frame.mutableSpan
    var bytes = span.mutableBytes
    EthernetHeader.write(destination: MACAddress(2, 0, 0, 0, 0, 2), source: MACAddress(2, 0, 0, 0, 0, 1), etherType: .ipv4, into: &bytes)
    IPv4Header.write(source: IPv4Address(192, 0, 2, 1), destination: me, protocol: .icmp, payloadLength: 30, into: &bytes, at: 14)
    bytes.storeBytes(of: UInt32(0x0800_0000).bigEndian, toByteOffset: 34, as: UInt32.self)
    bytes.storeBytes(of: UInt32(0x1234_0001).bigEndian, toByteOffset: 38, as: UInt32.self)
    var sum = InternetChecksum()
    sum.add(bytes.bytes, in: 34..<64)
    bytes.storeBytes(of: sum.value.bigEndian, toByteOffset: 36, as: UInt16.self)
    _ = consume bytes
    _ = consume span
    return frame
}()

/// ``Toolkit/answer(_:)`` on the bytes of `frame`.
func toolkitAnswer(_ frame: inout [UInt8]) -> Bool {
    var span = frame.mutableSpan
    var bytes = span.mutableBytes
    let ok = Toolkit.answer(&bytes)
    _ = consume bytes
    _ = consume span
    return ok
}

/// The two echo answers must give the same bytes, and the two parses the same sums.
func selfCheck() {
    var a = request, b = request
    let okA = toolkitAnswer(&a)
    let okB = b.withUnsafeMutableBytes { Hand.answer($0.baseAddress!, $0.count) }
    guard okA, okB, a == b, a != request else { fail("self-check: the toolkit's and the hand-written answers differ") }
    // A request whose reply is all zeros (identifier, sequence number and payload 0): both
    // store 0xFFFF, not the 0 that the update alone gives.
    var zeros = request
    for i in 34..<64 { zeros[i] = 0 }
    (zeros[34], zeros[36], zeros[37]) = (8, 0xF7, 0xFF)
    var za = zeros, zb = zeros
    let okZA = toolkitAnswer(&za)
    let okZB = zb.withUnsafeMutableBytes { Hand.answer($0.baseAddress!, $0.count) }
    guard okZA, okZB, za == zb, za[36] == 0xFF, za[37] == 0xFF else { fail("self-check: the all-zeros reply differs or is not 0xFFFF") }
    var c = request
    let mac: [UInt8] = [2, 0, 0, 0, 0, 2]
    let v6 = [UInt8](repeating: 0, count: 16)
    let okC = c.withUnsafeMutableBytes { HandResponder.answer($0.baseAddress!, $0.count, v4: me.value, v6: v6, mac: mac) }
    guard okC == 64, c == a else { fail("self-check: the hand-written responder's echo answer differs") }
    var udp = request
    udp[23] = 17
    udp[38] = 0; udp[39] = 30
    var x: UInt64 = 0, y: UInt64 = 0
    let p1 = Toolkit.parse(udp.span.bytes, &x)
    let p2 = udp.withUnsafeMutableBytes { Hand.parse($0.baseAddress!, $0.count, &y) }
    var z: UInt64 = 0
    let p3 = udp.withUnsafeMutableBytes { Hand.parseUntagged($0.baseAddress!, $0.count, &z) }
    guard p1, p2, p3, x == y, x == z else { fail("self-check: the parses differ") }
    var d = request
    let okD = d.withUnsafeMutableBytes { Hand.answerUntagged($0.baseAddress!, $0.count) }
    guard okD, d == a else { fail("self-check: the untagged hand-written answer differs") }
    // The same verdicts on a tagged frame (802.1Q, both parse it) and on a header whose one
    // option has length 0 (both reject it).
    var tagged = Array(udp[0..<12]) + [0x81, 0x00, 0x00, 0x05] + Array(udp[12...])
    var x2: UInt64 = 0, y2: UInt64 = 0
    let t1 = Toolkit.parse(tagged.span.bytes, &x2)
    let t2 = tagged.withUnsafeMutableBytes { Hand.parse($0.baseAddress!, $0.count, &y2) }
    guard t1, t2, x2 == y2, x2 == x else { fail("self-check: the parses of a tagged frame differ") }
    var badOption = Array(udp[0..<14]) + [0x46] + Array(udp[15..<34]) + [0x07, 0x00, 0x00, 0x00] + Array(udp[34...])
    badOption[17] &+= 4  // total length covers the option
    let b1 = Toolkit.parse(badOption.span.bytes, &x2)
    let b2 = badOption.withUnsafeMutableBytes { Hand.parse($0.baseAddress!, $0.count, &y2) }
    guard !b1, !b2 else { fail("self-check: a looping IPv4 option was not rejected by both") }
}

let config = CNEConfig(
    defaults: CNEConfig.Defaults(cacheSize: 256),
    umems: [CNEConfig.UMem(name: "umem0", bufferCount: 8192, bufferSize: 2048, memoryType: .pages4KB)],
    lports: [CNEConfig.LPort(name: "null0:0", pmd: "net_null", qid: 0, umem: "umem0")])

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// This thread's CPU time (user + system), in seconds: on 2 shared cores, what the work cost
/// beside the wall time it took.
func cpuTime() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// rx -> per-packet work -> tx, until `target` packets were sent.
func run(_ rx: borrowing ReceiveQueues, packets target: Int, on thread: borrowing RegisteredThread, sink: inout UInt64) throws(CNEError) -> Int {
    let port = rx.ports[0]
    var burst = PacketBurst(capacity: burstSize)
    var sent = 0
    let template = request
    while sent < target {
        try rx.receive(from: 0, into: &burst, on: thread)
        switch mode {
        case .base:
            break
        case .copy:
            burst.forEach { packet in try? packet.write(template.span.bytes, at: 0) }
        case .parseToolkit:
            burst.forEach { packet in
                if !packet.withBytes({ Toolkit.parse($0, &sink) }) { sink &+= 1 }
            }
        case .parseHand:
            burst.forEach { packet in
                let ok = packet.withMutableBytes { bytes in
                    bytes.withUnsafeMutableBytes { Hand.parse($0.baseAddress.unsafelyUnwrapped, $0.count, &sink) }
                }
                if !ok { sink &+= 1 }
            }
        case .parseHandUntagged:
            burst.forEach { packet in
                let ok = packet.withMutableBytes { bytes in
                    bytes.withUnsafeMutableBytes { Hand.parseUntagged($0.baseAddress.unsafelyUnwrapped, $0.count, &sink) }
                }
                if !ok { sink &+= 1 }
            }
        case .echoToolkit:
            burst.forEach { packet in
                try? packet.write(template.span.bytes, at: 0)
                if !packet.withMutableBytes({ Toolkit.answer(&$0) }) { sink &+= 1 }
            }
        case .echoHand:
            burst.forEach { packet in
                try? packet.write(template.span.bytes, at: 0)
                let ok = packet.withMutableBytes { bytes in
                    bytes.withUnsafeMutableBytes { Hand.answer($0.baseAddress.unsafelyUnwrapped, $0.count) }
                }
                if !ok { sink &+= 1 }
            }
        case .echoHandUntagged:
            burst.forEach { packet in
                try? packet.write(template.span.bytes, at: 0)
                let ok = packet.withMutableBytes { bytes in
                    bytes.withUnsafeMutableBytes { Hand.answerUntagged($0.baseAddress.unsafelyUnwrapped, $0.count) }
                }
                if !ok { sink &+= 1 }
            }
        }
        sent += try port.send(&burst, on: thread)
        burst.removeAll()
    }
    return sent
}

selfCheck()
do {
    let instance = try Instance(config: config)
    let rx = try instance.takeReceiveQueues([instance.ports[0]], owner: "bench")
    var sink: UInt64 = 0
    let (sent, seconds, cpu) = try instance.withRegisteredThread(named: "bench") { thread throws(CNEError) in
        _ = try run(rx, packets: warmup, on: thread, sink: &sink)
        let t0 = now(), c0 = cpuTime()
        let n = try run(rx, packets: packets, on: thread, sink: &sink)
        return (n, now() - t0, cpuTime() - c0)
    }
    try instance.close()
    let perPacket = 1e9 / Double(max(sent, 1))
    print("\(mode.rawValue) burst=\(burstSize) packets=\(sent) seconds=\(seconds) ns_per_packet=\(seconds * perPacket) cpu_ns_per_packet=\(cpu * perPacket) sink=\(sink)")
} catch {
    fail("cne-bench-protocols: \(error)")
}
