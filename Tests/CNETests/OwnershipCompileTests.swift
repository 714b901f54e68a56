import Foundation
import Testing

/// Ownership in types: code that would put two receivers on one RX ring must not compile.
/// Each snippet is compiled to SIL (`swiftc -emit-sil`: ownership is checked there, after
/// type checking) against the CNE module this test was built with, and the compiler's
/// diagnostic is asserted.
@Suite struct OwnershipCompileTests {
    /// The build directory of the running test bundle (`.build/<triple>/debug`).
    static var binDirectory: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    }

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Compiles `source`, which imports CNE, to SIL; returns (exit status, diagnostics).
    static func compile(_ source: String) throws -> (status: Int32, output: String) {
        let bin = binDirectory
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("cne-ownership-\(getpid())-\(UUID().uuidString).swift")
        try source.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        var arguments = ["swiftc", "-emit-sil", "-parse-as-library", "-o", "/dev/null", "-swift-version", "6", "-I", bin.appendingPathComponent("Modules").path]
        // The C modules under CNE and its dependencies: CCNESys's own map, and the ones
        // SwiftPM wrote for C targets.
        arguments += ["-Xcc", "-fmodule-map-file=" + packageRoot.appendingPathComponent("Sources/CCNESys/include/module.modulemap").path]
        let checkouts = bin.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("checkouts")
        let maps = ["CNDPCore", "CCNEShims", "CCNEDevicePlugin"].map { bin.appendingPathComponent("\($0).build/module.modulemap") }
            + [checkouts.appendingPathComponent("swift-atomics/Sources/_AtomicsShims/include/module.modulemap")]
        for map in maps.map(\.path) where FileManager.default.fileExists(atPath: map) {
            arguments += ["-Xcc", "-fmodule-map-file=" + map]
        }
        arguments += ["-Xcc", "-I" + packageRoot.appendingPathComponent("headers").path, file.path]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func oneOwnerCompiles() throws {
        let result = try Self.compile("""
            import CNE
            func serve(_ instance: Instance) throws {
                let rx = try instance.takeReceiveQueues(instance.ports, owner: "worker")
                var burst = PacketBurst(capacity: 32)
                try instance.withRegisteredThread(named: "worker") { (thread) throws(CNEError) in
                    _ = try rx.receive(from: 0, into: &burst, on: thread)
                }
            }
            """)
        #expect(result.status == 0, "\(result.output)")
    }

    @Test func copyingTheReceiveSideDoesNotCompile() throws {
        let result = try Self.compile("""
            import CNE
            func twoReceivers(_ instance: Instance) throws {
                let rx = try instance.takeReceiveQueues(instance.ports, owner: "worker")
                let first = rx
                let second = rx
                _ = (first.ports, second.ports)
            }
            """)
        #expect(result.status != 0)
        #expect(result.output.contains("error: 'rx' consumed more than once"), "\(result.output)")
    }

    @Test func sharingTheReceiveSideWithTwoThreadsDoesNotCompile() throws {
        let result = try Self.compile("""
            import CNE
            func twoThreads(_ instance: Instance) throws {
                let rx = try instance.takeReceiveQueues(instance.ports, owner: "worker")
                _ = WorkerThread { _ = rx.ports }
                _ = WorkerThread { _ = rx.ports }
            }
            """)
        #expect(result.status != 0)
        #expect(result.output.contains("error: capture of 'rx' with non-Sendable type 'ReceiveQueues' in a '@Sendable' closure"), "\(result.output)")
    }

    @Test func portsHaveNoReceiveOfTheirOwn() throws {
        let result = try Self.compile("""
            import CNE
            func receiveOnPort(_ port: Port, _ thread: borrowing RegisteredThread) throws {
                var burst = PacketBurst(capacity: 32)
                try port.receive(into: &burst, on: thread)
            }
            """)
        #expect(result.status != 0)
        #expect(result.output.contains("error: 'receive' is inaccessible due to 'internal' protection level"), "\(result.output)")
    }
}
