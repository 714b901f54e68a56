import Foundation
import Synchronization
import Testing
@testable import CNE

extension RuntimeSuite.VethEchoTests {
    /// Kubernetes: an lport with `uds_path` runs unprivileged. A stand-in device plugin
    /// (Tests/Support/fake_device_plugin.c, built by `make test`) owns the XDP program and hands
    /// its XSKMAP over the UDS protocol; CNE loads nothing, echoes through the plugin's map,
    /// ends the session with /fin on close, and leaves the plugin's program alone.
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

/// Reads one line from `pipe` (bounded by `timeout` seconds), skipping a leading "ready".
private func readLine(from pipe: Pipe, timeout: Double) -> String {
    let fd = pipe.fileHandleForReading.fileDescriptor
    var line = ""
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&entry, 1, 100) > 0 else { continue }
        var byte: UInt8 = 0
        guard read(fd, &byte, 1) == 1 else { break }
        if byte == 10 {
            if line == "ready" { line = ""; continue }
            return line
        }
        line.append(Character(UnicodeScalar(byte)))
    }
    return line
}
