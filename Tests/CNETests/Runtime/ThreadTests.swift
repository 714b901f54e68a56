import Foundation
import Synchronization
import Testing
@testable import CNE

/// The CPUs the calling thread may run on, from /proc.
func allowedCPUs() -> String {
    let status = (try? String(contentsOfFile: "/proc/thread-self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix("Cpus_allowed_list:") } ?? ""
    return line.split(separator: "\t").last.map(String.init) ?? ""
}

extension RuntimeSuite {
    @Suite struct ThreadTests {
        /// Runs `body` on a new thread (pinning must not touch the test runner's threads).
        func onNewThread(_ body: @escaping @Sendable () -> Void) {
            let done = Atomic<Bool>(false)
            Thread {
                body()
                done.store(true, ordering: .releasing)
            }.start()
            while !done.load(ordering: .acquiring) { usleep(1_000) }
        }

        @Test func registeredScopePinsToTheLCoreGroup() throws {
            let instance = try Instance(config: nullConfig())
            defer { try? instance.close() }
            let seen = TracedMutex<(String, Int32, Bool, String)>(("", -1, false, ""))
            onNewThread {
                do throws(CNEError) {
                    try instance.withRegisteredThread(named: "pinned", group: "default") { thread in
                        seen.withLock { $0 = (allowedCPUs(), thread.id, true, "") }
                    }
                } catch {
                    seen.withLock { $0.3 = "\(error)" }
                }
            }
            let (cpus, id, ran, error) = seen.withLock { $0 }
            #expect(error.isEmpty)
            #expect(ran)
            #expect(cpus == "0")
            #expect(id >= 0)
        }

        @Test func unknownGroupIsAnError() throws {
            let instance = try Instance(config: nullConfig())
            defer { try? instance.close() }
            do throws(CNEError) {
                try instance.withRegisteredThread(named: "x", group: "no-such-group") { _ in }
                Issue.record("ran in an unknown group")
            } catch {
                #expect(error.code == .invalidArgument)
                #expect(error.description.contains("no-such-group"))
            }
        }

        @Test func eachThreadGetsItsOwnID() throws {
            let instance = try Instance(config: nullConfig())
            defer { try? instance.close() }
            let ids = TracedMutex<[Int32]>([])
            let inside = Atomic<Int>(0)
            let release = Atomic<Bool>(false)
            let finished = Atomic<Int>(0)
            for n in 0..<3 {
                Thread {
                    try? instance.withRegisteredThread(named: "t\(n)") { thread in
                        ids.withLock { $0.append(thread.id) }
                        inside.add(1, ordering: .releasing)
                        while !release.load(ordering: .acquiring) { usleep(1_000) }
                    }
                    finished.add(1, ordering: .releasing)
                }.start()
            }
            while inside.load(ordering: .acquiring) < 3 { usleep(1_000) }
            let during = ids.withLock { $0 }
            release.store(true, ordering: .releasing)
            while finished.load(ordering: .acquiring) < 3 { usleep(1_000) }
            #expect(Set(during).count == 3, "three live threads, three ids: \(during)")
            try instance.close()  // every scope has ended
        }
    }
}
