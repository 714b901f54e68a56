import Foundation
import Synchronization

/// A veth pair whose near end stays in this process's namespace and whose far end lives in a
/// network namespace made for one test; both are deleted again by ``remove()`` (and by a
/// `defer` in every test), so only links the test made ever carry its traffic. Made by the
/// project's one traffic rig, `scripts/netns-rig.sh`, as every test, benchmark and the demo do.
final class VethRig: Sendable {
    let namespace: String
    let near: String
    let far: String

    private static let counter = Atomic<Int>(0)

    /// Makes the namespace and the pair, `queues` RX/TX queues each, IPv6 off (no chatter).
    init(queues: Int = 1) throws {
        let n = VethRig.counter.wrappingAdd(1, ordering: .relaxed).newValue
        let id = "\(getpid() % 100_000)\(n)"
        namespace = "cnet\(id)"
        near = "cna\(id)"
        far = "cnb\(id)"
        do {
            try run(Self.rig, "add", namespace)
            // Near end here, far end in the namespace, kernel-chosen MACs, IPv6 off on both.
            try run(Self.rig, "veth", "-q", "\(queues)", "-", near, "-", namespace, far, "-")
        } catch {
            remove()
            throw error
        }
    }

    /// Deletes the pair and the namespace; harmless when already gone.
    func remove() {
        _ = try? run(Self.rig, "del-link", near)
        _ = try? run(Self.rig, "del", namespace)
    }

    /// The repository's `scripts/` directory, found from this file's path.
    static let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent()  // Support
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()  // the root
        .appendingPathComponent("scripts")

    /// The rig's namespace and veth command.
    static let rig = scripts.appendingPathComponent("netns-rig.sh").path

    /// True when `ip link` shows an XDP program on the near end.
    func nearHasXDPProgram() throws -> Bool {
        try run("ip", "link", "show", near).contains("xdp")
    }

    /// True when the test's links and namespace are all gone.
    var isGone: Bool {
        let links = (try? run("ip", "-o", "link", "show")) ?? ""
        let spaces = (try? run("ip", "netns", "list")) ?? ""
        return !links.contains(near + ":") && !links.contains(near + "@") && !spaces.contains(namespace)
    }

    /// Starts the project's peer (`scripts/peer.py report`) in the far namespace; `arguments`
    /// are its options (`--mode`, `--dst`, `--count`, `--sizes`, `--timeout`, `--udp`).
    func startPeer(_ arguments: [String]) throws -> Process {
        let script = Self.scripts.appendingPathComponent("peer.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["ip", "netns", "exec", namespace, "python3", script, "report", far] + arguments
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        try process.run()
        return process
    }
}

/// What peer.py reports.
struct PeerReport: Decodable, Sendable {
    let sent: Int
    let received: Int
    let exact: Int
    let duplicates: Int
    let mismatched: [Int]
    let udp_ok: Int

    /// Waits (bounded) for the peer to exit and decodes its report.
    init(waitingFor process: Process, timeout: Double = 15) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            process.terminate()
            throw RigError(message: "peer did not finish within \(timeout) s")
        }
        let out = (process.standardOutput as! Pipe).fileHandleForReading.readDataToEndOfFile()
        let err = (process.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile()
        guard process.terminationStatus == 0 else {
            throw RigError(message: "peer failed: \(String(decoding: err, as: UTF8.self))")
        }
        self = try JSONDecoder().decode(PeerReport.self, from: out)
    }
}

struct RigError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// Runs a command, bounded to 10 s; returns its stdout; throws on a non-zero exit.
@discardableResult
func run(_ arguments: String...) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    let deadline = Date().addingTimeInterval(10)
    while process.isRunning && Date() < deadline { usleep(1_000) }
    guard !process.isRunning else {
        process.terminate()
        throw RigError(message: "\(arguments.joined(separator: " ")) timed out")
    }
    guard process.terminationStatus == 0 else {
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        throw RigError(message: "\(arguments.joined(separator: " ")): \(message)")
    }
    return String(decoding: data, as: UTF8.self)
}

/// True when running as root (namespaces, veth and AF_XDP need it).
let isRoot = getuid() == 0
