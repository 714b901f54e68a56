import Foundation
import Synchronization
import Testing
@testable import CNE

extension RuntimeSuite.VethEchoTests {
    /// Kubernetes: an lport with `uds_path` runs unprivileged. A stand-in device plugin
    /// (Tests/Support/fake_device_plugin.c, built by `make test`) owns the XDP program and hands
    /// its XSKMAP over the UDS protocol; CNE loads nothing, echoes through the plugin's map,
    /// ends the session with /fin once its port is set up, and leaves the plugin's program alone.
    @Test func devicePluginSessionRunsThePortUnprivileged() throws {
        let plugin = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("build/test/fake-device-plugin").path
        guard FileManager.default.isExecutableFile(atPath: plugin) else {
            Issue.record("\(plugin) is missing: run `make build/test/fake-device-plugin` (make test builds it)")
            return
        }
        let rig = try VethRig()
        defer { rig.remove() }
        let socket = "/tmp/cne-fdp-\(getpid())-\(rig.near).sock"
        let server = Process()
        server.executableURL = URL(fileURLWithPath: plugin)
        server.arguments = [rig.near, socket, "10000"]
        let output = Pipe()
        let input = Pipe()
        server.standardOutput = output
        server.standardInput = input
        server.standardError = Pipe()
        try server.run()
        defer { if server.isRunning { server.terminate() } }
        let listening = Date().addingTimeInterval(3)
        while !FileManager.default.fileExists(atPath: socket) && Date() < listening { usleep(5_000) }
        try #require(FileManager.default.fileExists(atPath: socket), "the plugin did not start")
        let pluginProgram = try rig.nearHasXDPProgram()

        let config = try CNEConfig(parsing: portsConfig(
            [("\(rig.near):0", "net_af_xdp", 0, #", "skb_mode": true, "uds_path": "\#(socket)""#)], bufcnt: 8))
        #expect(config.lports[0].isUnprivileged)
        let instance = try Instance(config: config)
        let port = instance.ports[0]
        let mac = try #require(port.macAddress)
        let peer = try rig.startPeer(["--count", "\(Self.frames)", "--dst", "\(mac)", "--timeout", "4"])
        let stop = Atomic<Bool>(false)
        Thread {
            while peer.isRunning { usleep(5_000) }
            usleep(100_000)
            stop.store(true, ordering: .relaxed)
        }.start()
        let (received, sent) = try instance.withRegisteredThread(named: "echo") { thread throws(CNEError) in
            try echo(port, limit: 64, on: thread, until: stop, deadline: Date().addingTimeInterval(10))
        }
        let report = try PeerReport(waitingFor: peer)
        try instance.close()
        // The session has ended (the plugin prints its summary), its program is still there.
        let summary = readLine(from: output, timeout: 5)
        let programAfterClose = try rig.nearHasXDPProgram()
        try input.fileHandleForWriting.close()
        let finished = Date().addingTimeInterval(5)
        while server.isRunning && Date() < finished { usleep(10_000) }
        #expect(!server.isRunning, "the plugin did not exit")

        #expect(pluginProgram, "the plugin attached its program")
        #expect(report.exact == Self.frames, "\(report)")
        #expect(received == Self.frames)
        #expect(sent == Self.frames)
        #expect(programAfterClose, "closing an unprivileged port leaves the plugin's program")
        #expect(summary.contains(#""fin": 1"#), "the session ended with /fin: \(summary)")
        #expect(try !rig.nearHasXDPProgram(), "the plugin detached its program when it exited")
        #expect(!FileManager.default.fileExists(atPath: socket), "the client never unlinks, the plugin does")
    }
}

extension RuntimeSuite.VethEchoTests {
    /// How the stand-in plugin hands out two devices: from one pool (one socket mounted at both
    /// devices' paths, one session for both), from two (a socket and a session each), or in its
    /// pinned-map mode (each device's XSKMAP pinned in a bpffs at <dir>/<netdev>/xsks_map).
    enum PluginPools: String, CaseIterable, Sendable {
        case onePool, twoPools, pinnedMaps
    }

    /// Several devices per pod, configured from the environment: the stand-in plugin gives
    /// the pod two veth devices (AFXDP_DEVICES_<POOL>, sockets at <dir>/<netdev>/afxdp.sock,
    /// or pinned maps at <dir>/<netdev>/xsks_map); CNE expands its template lport
    /// `AFXDP_DEVICES:0` into one port per device, talks to each plugin socket once (or opens
    /// the pins), and echoes byte-exact on both ports, unprivileged.
    @Test(arguments: PluginPools.allCases)
    func twoDevicesFromTheEnvironmentEchoUnprivileged(pools: PluginPools) throws {
        let plugin = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("build/test/fake-device-plugin").path
        guard FileManager.default.isExecutableFile(atPath: plugin) else {
            Issue.record("\(plugin) is missing: run `make build/test/fake-device-plugin` (make test builds it)")
            return
        }
        let rigs = [try VethRig(), try VethRig()]
        defer { rigs.forEach { $0.remove() } }
        let directory = "/tmp/cne-afxdp-\(getpid())-\(rigs[0].near)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let netdevs = rigs.map(\.near)
        let poolArguments = (pools == .twoPools
            ? ["POOL1=\(netdevs[0])", "POOL2=\(netdevs[1])"] : ["POOL1=\(netdevs[0]),\(netdevs[1])"])
            + (pools == .pinnedMaps ? ["--pin"] : [])
        let environment = pools != .twoPools
            ? ["AFXDP_DEVICES_POOL1": "\(netdevs[0]) \(netdevs[1])"]
            : ["AFXDP_DEVICES_POOL1": netdevs[0], "AFXDP_DEVICES_POOL2": netdevs[1]]
        let server = Process()
        server.executableURL = URL(fileURLWithPath: plugin)
        server.arguments = ["--timeout", "10000", "--pod", podName(), "--dir", directory] + poolArguments
        let output = Pipe()
        let input = Pipe()
        server.standardOutput = output
        server.standardInput = input
        server.standardError = Pipe()
        try server.run()
        defer { if server.isRunning { server.terminate() } }
        #expect(readLine(from: output, timeout: 5, skippingReady: false) == "ready")

        let layout = DevicePluginEnvironment.Layout(
            directory: directory, legacySocket: directory + "/afxdp.sock", legacyPinnedMap: directory + "/xsks_map")
        let devices = try DevicePluginEnvironment(environment: environment, layout: layout)
        let template = try CNEConfig(parsing: """
            {
              "defaults": { "bufcnt": 16, "bufsz": 2, "rxdesc": 1, "txdesc": 1, "cache": 64 },
              "umems": { "umem0": { "bufcnt": 16, "bufsz": 2, "regions": [16] } },
              "lports": { "AFXDP_DEVICES:0": { "pmd": "net_af_xdp", "qid": 0, "umem": "umem0", "skb_mode": true } },
              "lcore-groups": { "default": [0] }
            }
            """)
        let config = try template.expandingDevicePluginPorts(devices)
        #expect(config.lports.map(\.name) == netdevs.map { "\($0):0" })
        if pools == .pinnedMaps {
            #expect(config.lports.map(\.xskPinPath) == netdevs.map { "\(directory)/\($0)/xsks_map" })
        } else {
            #expect(config.lports.map(\.udsPath) == netdevs.map { "\(directory)/\($0)/afxdp.sock" })
        }
        let instance = try Instance(config: config)
        // The sessions ended once the ports were up: one summary line per pool.
        let sessions = [PluginPools.onePool: 1, .twoPools: 2, .pinnedMaps: 0][pools]!
        let summaries = (0..<sessions).map { _ in readLine(from: output, timeout: 5, skippingReady: false) }
        #expect(try rigs.allSatisfy { try $0.nearHasXDPProgram() }, "the plugin's programs are attached")
        let peers = try zip(rigs, instance.ports).map { rig, port in
            try rig.startPeer(["--count", "\(Self.frames)", "--dst", "\(try #require(port.macAddress))", "--timeout", "4"])
        }
        let stop = Atomic<Bool>(false)
        Thread {
            while peers.contains(where: \.isRunning) { usleep(5_000) }
            usleep(100_000)
            stop.store(true, ordering: .relaxed)
        }.start()
        let counts = try instance.withRegisteredThread(named: "echo") { thread throws(CNEError) in
            try echoAll(instance.ports, on: thread, until: stop, deadline: Date().addingTimeInterval(10))
        }
        let reports = try peers.map { try PeerReport(waitingFor: $0) }
        try instance.close()
        try input.fileHandleForWriting.close()
        let finished = Date().addingTimeInterval(5)
        while server.isRunning && Date() < finished { usleep(10_000) }

        for (index, report) in reports.enumerated() {
            #expect(report.exact == Self.frames, "device \(index): \(report)")
            #expect(counts[index] == Self.frames, "device \(index) echoed \(counts[index])")
        }
        if pools == .pinnedMaps {
            #expect(readLine(from: output, timeout: 1, skippingReady: false).isEmpty, "no session in pinned-map mode")
        } else if pools == .onePool {
            #expect(summaries[0].contains(#""fin": 1"#) && summaries[0].contains(#""fds": 2"#), "one session for both: \(summaries[0])")
        } else {
            for summary in summaries {
                #expect(summary.contains(#""fin": 1"#) && summary.contains(#""fds": 1"#), "a session per pool: \(summary)")
            }
        }
        #expect(!server.isRunning, "the plugin did not exit")
        #expect(try rigs.allSatisfy { try !$0.nearHasXDPProgram() }, "the plugin detached its programs when it exited")
    }
}

/// This host's name, which the client sends on /connect (in a pod: the pod's name).
private func podName() -> String {
    var buffer = [CChar](repeating: 0, count: 256)
    gethostname(&buffer, buffer.count - 1)
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// Echoes on every port in turn until `stop` or `deadline`; returns the frames echoed per port.
private func echoAll(
    _ ports: [CNE.Port], on thread: borrowing RegisteredThread, until stop: borrowing Atomic<Bool>, deadline: Date
) throws(CNEError) -> [Int] {
    var burst = PacketBurst(capacity: 64)
    var sent = Array(repeating: 0, count: ports.count)
    while !stop.load(ordering: .relaxed) && Date() < deadline {
        for (index, port) in ports.enumerated() {
            guard try port.receive(into: &burst, on: thread) > 0 else {
                port.flush(on: thread)
                continue
            }
            burst.forEach { packet in packet.swapMACAddresses() }
            var tries = 0
            while !burst.isEmpty && tries < 1000 {
                sent[index] += try port.send(&burst, on: thread)
                tries += 1
            }
            burst.removeAll()
        }
    }
    return sent
}

/// Reads one line from `pipe` (bounded by `timeout` seconds), skipping a leading "ready".
private func readLine(from pipe: Pipe, timeout: Double, skippingReady: Bool = true) -> String {
    let fd = pipe.fileHandleForReading.fileDescriptor
    var line = ""
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&entry, 1, 100) > 0 else { continue }
        var byte: UInt8 = 0
        guard read(fd, &byte, 1) == 1 else { break }
        if byte == 10 {
            if skippingReady && line == "ready" { line = ""; continue }
            return line
        }
        line.append(Character(UnicodeScalar(byte)))
    }
    return line
}
