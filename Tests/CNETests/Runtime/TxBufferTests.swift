import Testing
@testable import CNE

extension RuntimeSuite {
    @Suite struct TxBufferTests {
        @Test func addSendsFullBurstsAndFlushSendsTheRest() throws {
            let instance = try Instance(config: nullConfig())
            defer { try? instance.close() }
            let port = instance.ports[0]
            var counts: [Int] = []
            try instance.withRegisteredThread(named: "tx") { thread throws(CNEError) in
                var tx = TxBuffer(port: port, capacity: 32)
                for _ in 0..<100 {
                    guard let packet = port.allocatePacket(on: thread) else { return }
                    if let back = try tx.add(packet, on: thread) { back.free() }
                }
                counts.append(tx.sent)
                counts.append(tx.count)
                counts.append(try tx.flush(on: thread))
                counts.append(tx.sent)
                counts.append(tx.count)
                counts.append(try tx.flush(on: thread))
            }
            #expect(counts == [96, 4, 4, 100, 0, 0])
            #expect(try port.stats().opackets == 100)
            #expect(instance.poolUsage()[0].inUse == 0)
        }

        @Test func droppedBufferFreesWhatItHolds() throws {
            let instance = try Instance(config: nullConfig())
            defer { try? instance.close() }
            let port = instance.ports[0]
            try instance.withRegisteredThread(named: "tx") { thread throws(CNEError) in
                var tx = TxBuffer(port: port, capacity: 8)
                for _ in 0..<5 {
                    if let packet = port.allocatePacket(on: thread), let back = try tx.add(packet, on: thread) { back.free() }
                }
                check(tx.count == 5)
            }
            #expect(instance.poolUsage()[0].inUse == 0)
            #expect(try port.stats().opackets == 0)
        }
    }
}

extension RuntimeSuite.VethEchoTests {
    /// A burst larger than the AF_XDP TX ring (1024): the port takes what the ring holds (in
    /// copy mode the embedded core's kick drains the ring as it goes, CNDP's leaves up to all
    /// of it queued), the policy decides about the rest.
    @Test(arguments: [TxBuffer.Policy.drop, .keep, .retry(attempts: 50)])
    func txBufferPolicyOnAFullRing(policy: TxBuffer.Policy) throws {
        let rig = try VethRig()
        defer { rig.remove() }
        let config = try CNEConfig(parsing: portsConfig(
            [("\(rig.near):0", "net_af_xdp", 0, #", "skb_mode": true"#)], bufcnt: 8))
        let instance = try Instance(config: config)
        defer { try? instance.close() }
        let port = instance.ports[0]
        var result = (allocated: 0, firstFlush: 0, sent: 0, dropped: 0, left: 0)
        try instance.withRegisteredThread(named: "tx") { thread throws(CNEError) in
            var tx = TxBuffer(port: port, capacity: 3000, policy: policy)
            var burst = PacketBurst(capacity: 3000)
            result.allocated = port.allocate(3000, into: &burst, on: thread)
            while let packet = burst.popLast() {
                var frame = packet
                try frame.append(contentsOf: [UInt8](repeating: 0xEE, count: 60))
                if let back = try tx.add(frame, on: thread) { back.free() }
            }
            result.firstFlush = try tx.flush(on: thread)
            for _ in 0..<100 where tx.count > 0 { try tx.flush(on: thread) }
            result.sent = tx.sent
            result.dropped = tx.dropped
            result.left = tx.count
        }
        #expect(result.allocated == 3000)
        #expect(result.firstFlush >= 256, "at least the first chunk fits the ring")
        #expect(result.sent + result.dropped == 3000)
        #expect(result.left == 0)
        switch policy {
        case .drop: #expect(result.dropped == 3000 - result.firstFlush)
        case .keep: #expect(result.dropped == 0 && result.sent == 3000)
        case .retry: #expect(result.sent >= result.firstFlush)
        }
    }
}

extension RuntimeSuite.VethEchoTests {
    /// Unprivileged (Kubernetes) lports load no program: with a pinned XSKMAP path that does
    /// not exist, setup fails cleanly and leaves nothing behind.
    @Test func unprivilegedPortWithMissingPinFailsCleanly() throws {
        let rig = try VethRig()
        defer { rig.remove() }
        let fds = openFileDescriptors()
        let config = try CNEConfig(parsing: portsConfig(
            [("\(rig.near):0", "net_af_xdp", 0, #", "skb_mode": true, "xsk_pin_path": "/sys/fs/bpf/cne-test-no-such-map""#)]))
        #expect(config.lports[0].isUnprivileged)
        do throws(CNEError) {
            _ = try Instance(config: config)
            Issue.record("an unprivileged port came up without its XSKMAP")
        } catch {
            guard error.errno != nil else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(error.description.contains(rig.near))
        }
        #expect(openFileDescriptors() == fds)
        #expect(try !rig.nearHasXDPProgram())
    }
}
