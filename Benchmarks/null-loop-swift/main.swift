// cne-bench-null: the user-space cost per packet of rx -> MAC swap -> tx over net_null, on
// the safe Swift API. Benchmarks/null-loop/null_loop.c is the same loop in C on the core;
// `make bench` runs both side by side.
//
// Usage: cne-bench-null BURST PACKETS [WARMUP]
// Prints: swift burst=B packets=N seconds=T ns_per_packet=X cpu_ns_per_packet=Y
// (X from the monotonic clock, Y from getrusage: user + system time, which holds under load.)
import CNE
#if canImport(Glibc)
import Glibc
#endif

/// Writes one line to standard error.
func printError(_ line: String) {
    let text = line + "\n"
    _ = write(2, text, text.utf8.count)  // the String is passed as its UTF-8 bytes
}

let arguments = CommandLine.arguments
guard arguments.count >= 3, let burstSize = Int(arguments[1]), (1...1024).contains(burstSize),
    let packets = Int(arguments[2]), packets > 0
else {
    printError("usage: cne-bench-null BURST(1...1024) PACKETS [WARMUP]")
    exit(2)
}
let warmup = arguments.count > 3 ? Int(arguments[3]) ?? 200_000 : 200_000

/// The same pool as null_loop.c: 8192 buffers of 2 KB on 4 KB pages, per-thread cache 256.
let config = CNEConfig(
    defaults: CNEConfig.Defaults(cacheSize: 256),
    umems: [CNEConfig.UMem(name: "umem0", bufferCount: 8192, bufferSize: 2048, memoryType: .pages4KB)],
    lports: [CNEConfig.LPort(name: "null0:0", pmd: "net_null", qid: 0, umem: "umem0")])

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// User + system CPU time of this process, in seconds.
func cpuTime() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) * 1e-6
    let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) * 1e-6
    return user + system
}

/// The measured loop: receive a burst, swap each frame's MACs, send it, free what was not sent.
func echo(_ rx: borrowing ReceiveQueues, packets target: Int, burstSize: Int, on thread: borrowing RegisteredThread) throws(CNEError) -> Int {
    var burst = PacketBurst(capacity: burstSize)
    var echoed = 0
    let port = rx.ports[0]
    while echoed < target {
        try rx.receive(from: 0, into: &burst, on: thread)
        burst.forEach { packet in packet.swapMACAddresses() }
        echoed += try port.send(&burst, on: thread)
        burst.removeAll()
    }
    return echoed
}

do {
    let instance = try Instance(config: config)
    let rx = try instance.takeReceiveQueues([instance.ports[0]], owner: "bench")
    let (echoed, seconds, cpu) = try instance.withRegisteredThread(named: "bench") { thread throws(CNEError) in
        _ = try echo(rx, packets: warmup, burstSize: burstSize, on: thread)
        let c0 = cpuTime()
        let t0 = now()
        let n = try echo(rx, packets: packets, burstSize: burstSize, on: thread)
        return (n, now() - t0, cpuTime() - c0)
    }
    try instance.close()
    print("swift burst=\(burstSize) packets=\(echoed) seconds=\(seconds) ns_per_packet=\(seconds * 1e9 / Double(echoed))"
        + " cpu_ns_per_packet=\(cpu * 1e9 / Double(echoed))")
} catch {
    printError("cne-bench-null: \(error)")
    exit(1)
}
