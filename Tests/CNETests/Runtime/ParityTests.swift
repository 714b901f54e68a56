import CNESys
import Testing
@testable import CNE

/// True when the package was built on the embedded core (CNDPCore), false on a system CNDP
/// (`CNDP_PREFIX`): for the tests of the embedded drivers' own features only.
#if canImport(CNDPCore)
let isEmbeddedCore = true
#else
let isEmbeddedCore = false
#endif

/// The most buffers still out after an instance with `afXDPPorts` AF_XDP ports (and no packet
/// kept) closed: none on the embedded core; on CNDP what its xskdev_socket_destroy leaves in
/// each fill ring, which is not given back to the pool (CNDP 25.08 lib/core/xskdev/xskdev.c:
/// fill_size = 2 x rx_nb_desc). CNE counts those as out and keeps the memory mapped.
func buffersLeftOutAtClose(afXDPPorts: Int, rxDescriptors: Int) -> Int {
    isEmbeddedCore ? 0 : afXDPPorts * 2 * rxDescriptors
}

extension RuntimeSuite {
    /// What CNE must not take from one library's behaviour: it holds on the embedded core
    /// and on CNDP 25.08 alike (README, "Using a system CNDP").
    @Suite struct ParityTests {
        /// CNDP's free path asserts a registered thread (mempool_default_cache -> cne_id):
        /// packets and bursts dropped on an unregistered thread take a registration for the
        /// free, and every buffer comes back.
        @Test func packetsDroppedOnAnUnregisteredThreadReturnToThePool() throws {
            let instance = try Instance(config: nullConfig())
            defer { try? instance.close() }
            let port = instance.ports[0]
            var single: Packet? = nil
            var burst = PacketBurst(capacity: 32)
            try instance.withRegisteredThread(named: "alloc") { thread throws(CNEError) in
                single = port.allocatePacket(on: thread)
                port.allocate(32, into: &burst, on: thread)
            }
            #expect(cne_check_registration() == 0, "the test thread is not registered")
            check(single != nil && burst.count == 32)
            #expect(instance.poolUsage()[0].inUse == 33)
            single.take()?.free()
            burst.removeAll()
            #expect(cne_check_registration() == 0, "the free registered only for its duration")
            #expect(instance.poolUsage()[0].inUse == 0)
        }

        /// CNDP's mempool_avail_count counts the ring only; poolUsage adds every thread's
        /// cache, so buffers a registered thread freed into its cache read as free.
        @Test func poolUsageCountsThreadCachesAsFree() throws {
            let instance = try Instance(config: nullConfig())
            defer { try? instance.close() }
            let port = instance.ports[0]
            var ringOnly = -1
            try instance.withRegisteredThread(named: "cache") { thread throws(CNEError) in
                var burst = PacketBurst(capacity: 32)
                port.allocate(32, into: &burst, on: thread)
                burst.removeAll()
                ringOnly = instance.lifetime.resources.withLock { Int(mempool_avail_count($0.pools[0].pointee.pd)) }
                #expect(instance.poolUsage()[0].inUse == 0)
            }
            #expect(ringOnly >= 0 && ringOnly < 4096, "the library's own count leaves the cache out")
            #expect(instance.poolUsage()[0].inUse == 0)
        }

        /// CNDP's net_af_packet "succeeds" on a missing netdev (and returns another port's
        /// id): CNE checks the netdev itself, before any setup.
        @Test func aMissingNetdevIsAnErrorNamingIt() throws {
            let config = try CNEConfig(parsing: portsConfig([("cnenodev0:0", "net_af_packet", 0, "")]))
            do throws(CNEError) {
                let instance = try Instance(config: config)
                try? instance.close()
                Issue.record("an lport on a missing netdev opened")
            } catch {
                #expect(error.code == .system(ENODEV))
                #expect("\(error)".contains("cnenodev0"))
            }
        }

        /// Without skb_mode an AF_XDP port asks for zero-copy (CNDP's xskdev_socket_create),
        /// which veth refuses: the error says which flag to set.
        @Test(.enabled(if: isRoot, "needs root: network namespaces, veth and AF_XDP"))
        func nativeModeOnVethNamesSkbMode() throws {
            let rig = try VethRig()
            defer { rig.remove() }
            let config = try CNEConfig(parsing: portsConfig([("\(rig.near):0", "net_af_xdp", 0, "")], bufcnt: 8))
            do throws(CNEError) {
                let instance = try Instance(config: config)
                try? instance.close()
                Issue.record("zero-copy AF_XDP on veth opened")
            } catch {
                #expect("\(error)".contains("\"skb_mode\": true"), "\(error)")
            }
            #expect(try !rig.nearHasXDPProgram(), "a failed open leaves no XDP program")
        }
    }
}
