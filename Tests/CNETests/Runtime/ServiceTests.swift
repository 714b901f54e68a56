import CNERuntime
import Foundation
import Logging
import Prometheus
import ServiceLifecycle
import Testing
@testable import CNE

/// `curl` against the endpoint: the status and the body.
func curl(_ url: String, _ extra: String...) throws -> (status: Int, body: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["curl", "-s", "-m", "5", "-w", "\n%{http_code}"] + extra + [url]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    var out = String(decoding: data, as: UTF8.self)
    if out.hasSuffix("\n") { out.removeLast() }
    let lines = out.split(separator: "\n", omittingEmptySubsequences: false)
    return (Int(lines.last ?? "") ?? -1, lines.dropLast().joined(separator: "\n"))
}

/// The value of the Prometheus sample `name{labels}` in `text`.
func sample(_ text: String, _ name: String, _ labels: String) -> Double? {
    for line in text.split(separator: "\n") where line.hasPrefix(name + "{") && line.contains(labels) {
        return line.split(separator: " ").last.flatMap { Double($0) }
    }
    return nil
}

extension RuntimeSuite {
    @Suite struct ServiceTests {
        @Test func serviceRunsWorkersBesideTheEndpointAndStopsGracefully() async throws {
            let instance = try Instance(config: try WorkerTests.twoNullPorts())
            let registry = PrometheusCollectorRegistry()
            let logger = Logger(label: "test")
            let nf = try NetworkFunctionService(
                instance: instance, logger: logger, metricsFactory: PrometheusMetricsFactory(registry: registry)
            ) { _ in Sink() }
            let endpoint = MetricsEndpoint(
                address: "127.0.0.1", port: 0, registry: registry, logger: logger,
                isLive: { nf.isLive }, isReady: { nf.isReady }, beforeScrape: { nf.metrics.update() })
            try endpoint.bind()
            let port = try #require(endpoint.port)
            let group = ServiceGroup(services: [nf, endpoint], logger: logger)
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                // Bounded wait for the workers to be up and to have received something.
                for _ in 0..<500 where !(nf.isReady && nf.workers.stats.allSatisfy { $0.receivedPackets > 0 }) {
                    try await Task.sleep(for: .milliseconds(10))
                }
                #expect(nf.isReady)
                let base = "http://127.0.0.1:\(port)"
                #expect(try curl(base + "/livez") == (200, "ok\n"))
                #expect(try curl(base + "/readyz") == (200, "ready\n"))
                #expect(try curl(base + "/nope").status == 404)
                #expect(try curl(base + "/metrics", "-X", "POST").status == 405)
                #expect(try curl(base + "/metrics", "-H", "X-Big: " + String(repeating: "a", count: 9000)).status == 431)
                let scrape = try curl(base + "/metrics")
                #expect(scrape.status == 200)
                for name in PortStats().counters.map(\.name) {
                    #expect(scrape.body.contains("cne_port_\(name)_total{"), "\(name) missing")
                }
                #expect(sample(scrape.body, "cne_port_ipackets_total", #"port="null0:0""#).map { $0 > 0 } == true)
                #expect(scrape.body.contains(#"driver="net_null""#))
                #expect(scrape.body.contains(#"cne_worker_received_packets_total{worker="fwd:1"}"#))
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            // Stopped: the final counters equal the drivers' and the workers' counts.
            #expect(!nf.isReady)
            nf.metrics.update()
            let final = registry.emitToString()
            for (i, port) in instance.ports.enumerated() {
                let ipackets = try port.stats().ipackets
                #expect(sample(final, "cne_port_ipackets_total", "port=\"\(port.name)\"") == Double(ipackets))
                #expect(ipackets == nf.workers.stats[i].receivedPackets)
            }
            #expect(instance.poolUsage().allSatisfy { $0.inUse == 0 })
            try instance.close()
        }

        @Test func aWorkerFailureEndsTheGroupWithIt() async throws {
            let instance = try Instance(config: try nullConfig())
            let nf = try NetworkFunctionService(instance: instance, logger: Logger(label: "test")) { _ in Failing() }
            let group = ServiceGroup(services: [nf], logger: Logger(label: "test"))
            do {
                try await group.run()
                Issue.record("the group ended without the failure")
            } catch let failure as WorkerFailure {
                #expect(failure.worker == "worker:0")
                #expect(!nf.isLive)
            }
            try instance.close()
        }
    }
}
