import Testing
@testable import CNE

extension RuntimeSuite {
    /// What outlives an instance stays safe: kept packets, ports, counters.
    @Suite struct LifetimeTests {
        @Test func packetKeptPastCloseStaysValid() throws {
            let instance = try Instance(config: nullConfig())
            let port = instance.ports[0]
            var kept: Packet? = nil
            try instance.withRegisteredThread(named: "keep") { thread throws(CNEError) in
                kept = port.allocatePacket(on: thread)
            }
            try instance.close()
            // The pool was left in place for the kept packet: it can still be used and freed.
            var lengthAfterClose = -1
            if var packet = kept.take() {
                try packet.append(10)
                lengthAfterClose = packet.length
                packet.free()
            }
            #expect(lengthAfterClose == 10)
            // The process may open a new instance meanwhile.
            let next = try Instance(config: nullConfig())
            try next.close()
        }

        @Test func countersOfAClosedInstanceAreAnError() throws {
            let instance = try Instance(config: nullConfig())
            let port = instance.ports[0]
            try instance.close()
            do throws(CNEError) {
                _ = try port.stats()
                Issue.record("read the counters of a closed port")
            } catch {
                #expect(error.code == .busy)
            }
            #expect(port.receiveDescriptor == nil)
        }

        @Test func negativeLimitsReceiveAndAllocateNothing() throws {
            let instance = try Instance(config: nullConfig())
            defer { try? instance.close() }
            let port = instance.ports[0]
            var counts: [Int] = []
            try instance.withRegisteredThread(named: "limits") { thread throws(CNEError) in
                var burst = PacketBurst(capacity: 8)
                counts.append(try port.receive(into: &burst, limit: -1, on: thread))
                counts.append(port.allocate(-5, into: &burst, on: thread))
                counts.append(burst.count)
            }
            #expect(counts == [0, 0, 0])
        }

        @Test func appendCopiesNoMoreThanTheCollectionCounts() throws {
            /// Claims one byte, yields thousands.
            struct Liar: Collection {
                var startIndex: Int { 0 }
                var endIndex: Int { 5000 }
                var count: Int { 1 }
                func index(after i: Int) -> Int { i + 1 }
                subscript(i: Int) -> UInt8 { 0xAA }
            }
            let instance = try Instance(config: nullConfig())
            defer { try? instance.close() }
            let port = instance.ports[0]
            var result = (length: -1, tailroom: -1, before: -1)
            try instance.withRegisteredThread(named: "liar") { thread throws(CNEError) in
                guard var packet = port.allocatePacket(on: thread) else { return }
                result.before = packet.tailroom
                try? packet.append(contentsOf: Liar())
                result.length = packet.length
                result.tailroom = packet.tailroom
            }
            #expect(result.length <= 1)
            #expect(result.tailroom == result.before - result.length)
            #expect(instance.poolUsage()[0].inUse == 0)
        }

        @Test func removeFirstTakesLargeCounts() throws {
            // 64 KB buffers: more data than an Int16 offset step.
            let text = portsConfig([("null0:0", "net_null", 0, "")], bufcnt: 1)
                .replacingOccurrences(of: #""bufsz": 2, "regions""#, with: #""bufsz": 64, "regions""#)
            let instance = try Instance(config: CNEConfig(parsing: text))
            defer { try? instance.close() }
            let port = instance.ports[0]
            var lengths: [Int] = []
            try instance.withRegisteredThread(named: "big") { thread throws(CNEError) in
                guard var packet = port.allocatePacket(on: thread) else { return }
                try packet.append(50_000)
                lengths.append(packet.length)
                try packet.removeFirst(40_000)
                lengths.append(packet.length)
                lengths.append(packet.headroom)
                do throws(CNEError) { try packet.removeFirst(10_001) } catch { lengths.append(-1) }
                lengths.append(packet.length)
            }
            #expect(lengths == [50_000, 10_000, 192 + 40_000, -1, 10_000])
        }
    }
}
