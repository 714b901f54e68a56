import Testing
@testable import CNE

extension RuntimeSuite {
    /// Root-less: the whole receive → swap → send path over `net_null`.
    @Suite struct NullPortTests {
        @Test(.enabled(if: isEmbeddedCore, "the embedded net_null's frames and counters; CNDP's makes zero-filled frames and keeps no counters"))
        func receiveSwapSendReturnsEveryBuffer() throws {
            let instance = try Instance(config: nullConfig())
            defer { try? instance.close() }
            let port = try #require(instance.ports.first)
            #expect(port.driver == "net_null")
            #expect(port.macAddress == nil)
            let usage = try #require(instance.poolUsage().first)
            #expect(usage.total == 4096 && usage.free == 4096)

            struct Round { var got = 0, lengths: [Int] = [], types: [UInt16] = [], swapped = true, inUse = 0, sent = 0, left = 0 }
            var rounds: [Round] = []
            let stats = try instance.withRegisteredThread(named: "test") { thread throws(CNEError) in
                var burst = PacketBurst(capacity: 256)
                for limit in [1, 32, 256] {
                    var round = Round()
                    round.got = try port.receive(into: &burst, limit: limit, on: thread)
                    var before: [MACAddress?] = []
                    burst.forEach { packet in
                        before.append(packet.destinationMAC)
                        round.lengths.append(packet.length)
                        round.types.append(packet.etherType ?? 0)
                        round.swapped = packet.swapMACAddresses() && round.swapped
                    }
                    var index = 0
                    burst.forEach { packet in
                        round.swapped = round.swapped && packet.sourceMAC == before[index]
                        index += 1
                    }
                    round.inUse = instance.poolUsage()[0].inUse
                    round.sent = try port.send(&burst, on: thread)
                    round.left = burst.count
                    rounds.append(round)
                }
                let stats = try port.stats()
                try port.resetStats()
                return (stats, try port.stats())
            }
            for (round, limit) in zip(rounds, [1, 32, 256]) {
                #expect(round.got == limit)
                #expect(round.lengths == Array(repeating: 64, count: limit))
                #expect(round.types == Array(repeating: 0x0800, count: limit))
                #expect(round.swapped)
                #expect(round.inUse == limit)
                #expect(round.sent == limit)
                #expect(round.left == 0)
            }
            #expect(stats.0.ipackets == 289)
            #expect(stats.0.opackets == 289)
            #expect(stats.0.ibytes == 289 * 64)
            #expect(stats.1.ipackets == 0)
            #expect(instance.poolUsage()[0].free == 4096)
        }

        @Test(.enabled(if: isEmbeddedCore, "the embedded net_null's len= option and sequence numbers; CNDP's makes zero-filled 64-byte frames"))
        func framesCarryASequenceNumber() throws {
            let instance = try Instance(config: nullConfig(frameLength: 128))
            defer { try? instance.close() }
            let port = instance.ports[0]
            var lengths: [Int] = []
            var sequence: [UInt32] = []
            try instance.withRegisteredThread(named: "test") { thread throws(CNEError) in
                var burst = PacketBurst(capacity: 8)
                try port.receive(into: &burst, on: thread)
                burst.forEach { packet in
                    lengths.append(packet.length)
                    sequence.append(packet.withBytes { bytes in
                        bytes.unsafeLoadUnaligned(fromByteOffset: 42, as: UInt32.self)
                    })
                }
            }
            #expect(lengths == Array(repeating: 128, count: 8))
            #expect(sequence.count == 8)
            if let first = sequence.first { #expect(sequence == Array(first..<first + 8)) }
        }

        @Test func secondInstanceIsRejectedAndCloseAllowsReopen() throws {
            let first = try Instance(config: nullConfig())
            #expect(throws: CNEError.self) { _ = try Instance(config: nullConfig()) }
            do throws(CNEError) {
                _ = try Instance(config: nullConfig())
            } catch {
                #expect(error.code == .alreadyInitialised)
            }
            try first.close()
            try first.close()  // harmless
            #expect(first.poolUsage().isEmpty)
            let second = try Instance(config: nullConfig())
            #expect(second.ports.count == 1)
            try second.close()
        }

        @Test func deinitReleasesTheInstance() throws {
            do {
                let scoped = try Instance(config: nullConfig())
                #expect(scoped.ports.count == 1)
            }
            let next = try Instance(config: nullConfig())
            try next.close()
        }

        @Test func closeWaitsForRegisteredScopes() throws {
            let instance = try Instance(config: nullConfig())
            var codeInside: CNEError.Code? = nil
            try instance.withRegisteredThread(named: "busy") { _ throws(CNEError) in
                do throws(CNEError) { try instance.close() } catch { codeInside = error.code }
            }
            #expect(codeInside == .busy)
            try instance.close()
            do throws(CNEError) {
                try instance.withRegisteredThread(named: "late") { _ in }
                Issue.record("a closed instance ran a scope")
            } catch {
                #expect(error.code == .busy)
            }
        }

        @Test func failedSetupReleasesEverything() throws {
            let fdsBefore = openFileDescriptors()
            let config = try CNEConfig(parsing: portsConfig([
                ("null0:0", "net_null", 0, ""),
                // lo exists and is up (the interface check passes); it has no queue 200.
                ("lo:200", "net_af_xdp", 200, ""),
            ]))
            do throws(CNEError) {
                _ = try Instance(config: config)
                Issue.record("a port on a missing netdev was set up")
            } catch {
                guard error.errno != nil else {
                    Issue.record("unexpected \(error)")
                    return
                }
                #expect(error.context == "pktdev_port_setup")
                #expect(error.description.contains("\"lo:200\""))
            }
            #expect(openFileDescriptors() == fdsBefore)
            // The first port's name is free again, and the process may open an instance.
            let instance = try Instance(config: nullConfig())
            try instance.close()
        }

        @Test func downPortIsATypedError() throws {
            let instance = try Instance(config: nullConfig())
            defer { try? instance.close() }
            let port = instance.ports[0]
            guard case .pktdev(let id, _) = port.backend else {
                Issue.record("net_null goes through pktdev")
                return
            }
            #expect(setAdminState(id, up: false) == 0)
            var downCode: CNEError.Code? = nil
            var emptyWhileDown = false
            var afterUp = 0
            try instance.withRegisteredThread(named: "test") { thread throws(CNEError) in
                var burst = PacketBurst(capacity: 4)
                do throws(CNEError) { try port.receive(into: &burst, on: thread) } catch { downCode = error.code }
                emptyWhileDown = burst.isEmpty
                _ = setAdminState(id, up: true)
                afterUp = try port.receive(into: &burst, on: thread)
            }
            #expect(downCode == .portDown)
            #expect(emptyWhileDown)
            #expect(afterUp == 4)
        }
    }
}
