import Foundation
import Synchronization
import Testing
@testable import CNE

/// Echoes on `port` until `stop` is set or `deadline` passes: receive (at most `limit` at a
/// time), swap MACs, send back; unsent packets get a few retries and are then dropped.
/// - Returns: (received, sent).
func echo(
    _ port: CNE.Port, limit: Int, on thread: borrowing RegisteredThread,
    until stop: borrowing Atomic<Bool>, deadline: Date
) throws(CNEError) -> (Int, Int) {
    var burst = PacketBurst(capacity: 256)
    var received = 0
    var sent = 0
    while !stop.load(ordering: .relaxed) && Date() < deadline {
        let n = try port.receive(into: &burst, limit: limit, on: thread)
        if n == 0 {
            // Copy-mode AF_XDP sends a batch per kick: push out what the ring still holds.
            port.flush(on: thread)
            continue
        }
        received += n
        burst.forEach { packet in packet.swapMACAddresses() }
        var tries = 0
        while !burst.isEmpty && tries < 1000 {
            sent += try port.send(&burst, on: thread)
            tries += 1
        }
        burst.removeAll()
    }
    return (received, sent)
}

extension RuntimeSuite {
    /// Real traffic: a veth pair whose far end is in a namespace of the test's own, a peer
    /// there sending numbered frames of 60..1514 bytes and checking every echo byte for byte.
    @Suite(.enabled(if: isRoot, "needs root: network namespaces, veth and AF_XDP"))
    struct VethEchoTests {
        static let frames = 300

        func runEcho(pmd: String, extra: String, pktAPI: String = "pktdev", limit: Int) throws {
            let rig = try VethRig()
            defer { rig.remove() }
            let config = try CNEConfig(parsing: portsConfig(
                [("\(rig.near):0", pmd, 0, extra)], bufcnt: 8, pktAPI: pktAPI))
            let instance = try Instance(config: config)
            let port = instance.ports[0]
            let mac = try #require(port.macAddress)

            let peer = try rig.startPeer(["--count", "\(Self.frames)", "--dst", "\(mac)", "--timeout", "4"])
            let stop = Atomic<Bool>(false)
            let stopper = Thread {
                while peer.isRunning { usleep(5_000) }
                usleep(100_000)  // let the last echoes drain
                stop.store(true, ordering: .relaxed)
            }
            stopper.start()
            let (received, sent) = try instance.withRegisteredThread(named: "echo") { thread throws(CNEError) in
                try echo(port, limit: limit, on: thread, until: stop, deadline: Date().addingTimeInterval(10))
            }
            let report = try PeerReport(waitingFor: peer)
            let stats = try port.stats()

            #expect(report.sent == Self.frames)
            #expect(report.exact == Self.frames, "echoed byte-exact: \(report)")
            #expect(report.duplicates == 0)
            #expect(report.mismatched.isEmpty)
            #expect(received == Self.frames)
            #expect(sent == Self.frames)
            #expect(stats.ipackets == UInt64(received))
            #expect(stats.opackets == UInt64(sent))

            try instance.close()
            #expect(try !rig.nearHasXDPProgram(), "closing detaches the XDP program")
            rig.remove()
            #expect(rig.isGone)
        }

        @Test(arguments: [1, 32, 256])
        func afXDPInSKBModeEchoesByteExact(limit: Int) throws {
            try runEcho(pmd: "net_af_xdp", extra: #", "skb_mode": true"#, limit: limit)
        }

        @Test func afXDPThroughXskdevEchoesByteExact() throws {
            try runEcho(pmd: "net_af_xdp", extra: #", "skb_mode": true"#, pktAPI: "xskdev", limit: 64)
        }

        @Test(arguments: [1, 32, 256])
        func afPacketEchoesByteExact(limit: Int) throws {
            try runEcho(pmd: "net_af_packet", extra: "", limit: limit)
        }

        /// Two lports on two queues of one netdev, each served by its own registered thread
        /// (SKB mode: without it the port asks for zero-copy, as CNDP does, which veth refuses).
        @Test(arguments: [false, true])
        func twoThreadsOnTwoQueues(sharedUMem: Bool) throws {
            let rig = try VethRig(queues: 2)
            defer { rig.remove() }
            var text = portsConfig(
                [("\(rig.near):0", "net_af_xdp", 0, #", "skb_mode": true"#), ("\(rig.near):1", "net_af_xdp", 1, #", "skb_mode": true"#)],
                bufcnt: 8)
            if sharedUMem {
                text = text.replacingOccurrences(of: #""regions": ["#, with: #""shared_umem": true, "regions": ["#)
            }
            let instance = try Instance(config: CNEConfig(parsing: text))
            let mac = try #require(instance.ports[0].macAddress)
            let peer = try rig.startPeer(["--count", "\(Self.frames)", "--dst", "\(mac)", "--timeout", "4"])
            let stop = Atomic<Bool>(false)
            // Locked by NSLock (pthread): ThreadSanitizer sees its ordering, while the futex
            // inside Synchronization.Mutex on Linux reads to it as a race on the capture box.
            let results = LockedValue<[Int: (Int, Int)]>([:])
            let errors = LockedValue<[String]>([])
            let done = Atomic<Int>(0)
            for port in instance.ports {
                Thread {
                    do throws(CNEError) {
                        let counts = try instance.withRegisteredThread(named: "echo\(port.queue)") { thread throws(CNEError) in
                            try echo(port, limit: 32, on: thread, until: stop, deadline: Date().addingTimeInterval(10))
                        }
                        results.withLock { $0[Int(port.queue)] = counts }
                    } catch {
                        errors.withLock { $0.append("\(error)") }
                    }
                    done.add(1, ordering: .releasing)
                }.start()
            }
            let report = try PeerReport(waitingFor: peer)
            usleep(200_000)
            stop.store(true, ordering: .relaxed)
            while done.load(ordering: .acquiring) < 2 { usleep(1_000) }

            #expect(errors.withLock { $0 }.isEmpty)
            let counts = results.withLock { $0 }
            let received = counts.values.map(\.0).reduce(0, +)
            let sent = counts.values.map(\.1).reduce(0, +)
            #expect(counts.count == 2)
            #expect(report.exact == Self.frames, "\(report), per queue \(counts)")
            #expect(received == Self.frames)
            #expect(sent == Self.frames)
            var statsReceived: UInt64 = 0
            for port in instance.ports { statsReceived += try port.stats().ipackets }
            #expect(statsReceived == UInt64(received))
            try instance.close()
            #expect(try !rig.nearHasXDPProgram())
        }
    }
}

/// A value shared by test threads under an `NSLock`.
final class LockedValue<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<R>(_ body: (inout Value) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
