import Foundation
import Synchronization
import Testing
@testable import CNE

/// Counts what it sees and sends it back: the workers' test logic.
struct CountingEcho: PacketProcessor {
    mutating func process(_ burst: inout PacketBurst, from port: CNE.Port, worker: borrowing Worker) throws(CNEError) {
        burst.forEach { packet in packet.swapMACAddresses() }
        try worker.send(&burst, on: port)
    }
}

/// Drops everything it receives.
struct Sink: PacketProcessor {
    mutating func process(_ burst: inout PacketBurst, from port: CNE.Port, worker: borrowing Worker) throws(CNEError) {
        worker.drop(&burst)
    }
}

/// Fails on the first burst: a worker's failure must stop the others and be reported.
struct Failing: PacketProcessor {
    mutating func process(_ burst: inout PacketBurst, from port: CNE.Port, worker: borrowing Worker) throws(CNEError) {
        throw CNEError.invalidArgument("test", "the logic refused a packet")
    }
}

extension RuntimeSuite {
    @Suite struct WorkerTests {
        static func twoNullPorts() throws -> CNEConfig {
            var text = portsConfig([("null0:0", "net_null", 0, ""), ("null1:0", "net_null", 0, "")])
            text = text.replacingOccurrences(of: #""lcore-groups": { "default": [0] },"#, with: #""lcore-groups": { "default": [0], "g1": [0] },"#)
            text = text.replacingOccurrences(
                of: #""options": {"#,
                with: #""threads": { "fwd:0": { "group": "default", "lports": ["null0:0"], "idle_timeout": 5, "intr_timeout": 20 }, "fwd:1": { "group": "g1", "lports": ["null1:0"] } }, "options": {"#)
            return try CNEConfig(parsing: text)
        }

        @Test func plansFollowTheThreadsSection() throws {
            let plans = WorkerPlan.plans(for: try Self.twoNullPorts())
            #expect(plans == [
                WorkerPlan(name: "fwd:0", group: "default", lports: ["null0:0"], idle: IdlePolicy(idleAfterMilliseconds: 5, waitMilliseconds: 20)),
                WorkerPlan(name: "fwd:1", group: "g1", lports: ["null1:0"], idle: IdlePolicy()),
            ])
            let fallback = WorkerPlan.plans(for: try nullConfig())
            #expect(fallback == [WorkerPlan(name: "worker:0", lports: ["null0:0"])])
        }

        @Test func twoWorkersRunStopAndReturnEveryBuffer() throws {
            let instance = try Instance(config: try Self.twoNullPorts())
            let workers = try Workers(instance: instance, plans: WorkerPlan.plans(for: instance.config))
            try workers.start { _ in Sink() }
            // Bounded: net_null always has packets; wait until both workers received some.
            let deadline = Date().addingTimeInterval(10)
            while workers.stats.contains(where: { $0.receivedPackets < 1000 }) && Date() < deadline { usleep(1000) }
            // The receive side is owned: nobody else may take it while the workers run.
            #expect(throws: CNEError.self) { _ = try instance.takeReceiveQueues([instance.ports[0]], owner: "intruder") }
            workers.stop()
            #expect(workers.wait().isEmpty)
            for (i, stats) in workers.stats.enumerated() {
                #expect(stats.receivedPackets >= 1000)
                #expect(stats.droppedPackets == stats.receivedPackets)
                #expect(try instance.ports[i].stats().ipackets == stats.receivedPackets)
            }
            // Every buffer is back once the workers are gone (net_null holds none).
            #expect(instance.poolUsage().allSatisfy { $0.inUse == 0 }, "\(instance.poolUsage())")
            // And the queues are free again.
            let rx = try instance.takeReceiveQueues(instance.ports, owner: "after")
            _ = consume rx
            try instance.close()
            #expect(instance.buffersOutAtClose == 0)
        }

        @Test func aFailingWorkerStopsTheOthersAndIsReported() throws {
            let instance = try Instance(config: try Self.twoNullPorts())
            let workers = try Workers(instance: instance, plans: WorkerPlan.plans(for: instance.config))
            try workers.start { (plan) throws(CNEError) -> Failing in Failing() }
            let failures = workers.wait()
            #expect(!failures.isEmpty)
            #expect(failures.first?.error.description == "error: test: the logic refused a packet")
            #expect(failures.first.map { "\($0)".hasPrefix("worker \"fwd:") } == true)
            try instance.close()
        }

        @Test func plansThatShareAnLportAreRefused() throws {
            let instance = try Instance(config: try nullConfig())
            defer { try? instance.close() }
            let plans = [WorkerPlan(name: "a", lports: ["null0:0"]), WorkerPlan(name: "b", lports: ["null0:0"])]
            do {
                _ = try Workers(instance: instance, plans: plans)
                Issue.record("two workers on one RX ring")
            } catch {
                #expect(error.description == #"error: b: lport "null0:0" is already received by worker "a" (an RX ring has one consumer)"#)
            }
            let first = try instance.takeReceiveQueues(instance.ports, owner: "first")
            do {
                _ = try instance.takeReceiveQueues(instance.ports, owner: "second")
                Issue.record("two receive handles on one ring")
            } catch {
                #expect(error.code == .busy)
                #expect(error.description == #"error: second: the receive queue of lport "null0:0" is already owned by "first" (an RX ring has one consumer)"#)
            }
            _ = consume first
        }

        @Test func idleWorkersSleepInsteadOfSpinning() throws {
            // No traffic on a veth: the worker must sleep in poll, not spin.
            guard isRoot else { return }
            let rig = try VethRig()
            defer { rig.remove() }
            let config = try CNEConfig(parsing: portsConfig([("\(rig.near):0", "net_af_xdp", 0, #", "skb_mode": true"#)], bufcnt: 8))
            let instance = try Instance(config: config)
            let workers = try Workers(
                instance: instance,
                plans: [WorkerPlan(name: "idle", lports: ["\(rig.near):0"], idle: IdlePolicy(idleAfterMilliseconds: 0, waitMilliseconds: 50))])
            try workers.start { _ in Sink() }
            usleep(500_000)
            workers.stop()
            #expect(workers.wait().isEmpty)
            let passes = workers.stats[0].passCount
            // A spinning worker makes millions of passes in half a second; a sleeping one ~10.
            // (Counted, not timed: the process's CPU time also holds the tests running beside it.)
            #expect(passes < 200, "passes: \(passes)")
            #expect(workers.stats[0].idleWaitCount >= 1)
            try instance.close()
        }
    }

    /// The worker API on real traffic: two workers, each owning one veth pair's port.
    @Suite(.enabled(if: isRoot, "needs root: network namespaces, veth and AF_XDP"))
    struct WorkerVethTests {
        @Test func echoOnTwoWorkersOverTwoVethPairs() throws {
            let rigs = [try VethRig(), try VethRig()]
            defer { rigs.forEach { $0.remove() } }
            var text = portsConfig(rigs.map { ("\($0.near):0", "net_af_xdp", 0, #", "skb_mode": true"#) }, bufcnt: 8)
            text = text.replacingOccurrences(
                of: #""options": {"#,
                with: #""threads": { "fwd:0": { "lports": ["\#(rigs[0].near):0"] }, "fwd:1": { "lports": ["\#(rigs[1].near):0"] } }, "options": {"#)
            let instance = try Instance(config: try CNEConfig(parsing: text))
            let workers = try Workers(instance: instance, plans: WorkerPlan.plans(for: instance.config))
            #expect(workers.plans.map(\.name) == ["fwd:0", "fwd:1"])
            try workers.start { _ in CountingEcho() }
            let frames = 300
            let peers = try zip(rigs, instance.ports).map { rig, port in
                try rig.startPeer(["--count", "\(frames)", "--dst", "\(port.macAddress!)", "--timeout", "4"])
            }
            let reports = try peers.map { try PeerReport(waitingFor: $0) }
            workers.stop()
            #expect(workers.wait().isEmpty)
            for (i, report) in reports.enumerated() {
                #expect(report.sent == frames)
                #expect(report.exact == frames, "pair \(i): \(report)")
                #expect(workers.stats[i].receivedPackets == UInt64(frames))
                #expect(workers.stats[i].sentPackets == UInt64(frames))
                #expect(try instance.ports[i].stats().opackets == UInt64(frames))
            }
            try instance.close()
            let left = buffersLeftOutAtClose(afXDPPorts: 2, rxDescriptors: instance.config.umems[0].rxDescriptors)
            #expect((instance.buffersOutAtClose ?? .max) <= left, "at most \(left) (the fill rings' on CNDP)")
            for rig in rigs { #expect(try !rig.nearHasXDPProgram()) }
        }

        @Test func downNetdevIsRefusedByName() throws {
            let rig = try VethRig()
            defer { rig.remove() }
            try run("ip", "link", "set", rig.near, "down")
            let config = try CNEConfig(parsing: portsConfig([("\(rig.near):0", "net_af_xdp", 0, "")]))
            do {
                _ = try Instance(config: config)
                Issue.record("opened a port on a down netdev")
            } catch {
                #expect(error.code == .portDown)
                #expect(error.description == "error: lport \"\(rig.near):0\": netdev \"\(rig.near)\" is down (bring it up: ip link set dev \(rig.near) up)")
            }
        }
    }
}
