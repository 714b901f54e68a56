import CNE
import CoreMetrics
import Synchronization

/// The runtime's counters and gauges through swift-metrics: every `lport_stats_t` counter of
/// every port (`cne_port_<counter>_total`, labels `port`, `queue`, `driver`), each worker's
/// packets and idle sleeps (`cne_worker_*`, label `worker`), and each buffer pool's use
/// (`cne_pool_buffers_in_use`, labels `umem`, `region`).
///
/// Port counters live in the driver; ``update()`` reads them and adds what grew since the
/// last read, so the metrics backend sees monotonic counters. The service calls it once a
/// second, and the HTTP endpoint before each scrape, so a scrape is current.
public final class RuntimeMetrics: Sendable {
    private let instance: Instance
    private let workers: Workers?
    private let factory: any MetricsFactory
    private let state: TracedMutex<State>

    private struct PortCounters {
        let port: Port
        let counters: [Counter]
        var last: [UInt64]
    }

    private struct WorkerCounters {
        let stats: WorkerStats
        let counters: [Counter]
        var last: [UInt64]
    }

    private struct State {
        var ports: [PortCounters]
        var workers: [WorkerCounters]
        var pools: [(usage: BufferPoolUsage, gauge: Gauge)]
        var running: Gauge?
    }

    /// The names of the per-worker counters, in ``WorkerStats`` order.
    static let workerCounterNames = ["received_packets", "sent_packets", "dropped_packets", "idle_waits", "passes"]

    /// Metrics for `instance`'s ports and `workers`, made with `factory` (swift-metrics'
    /// global one by default: bootstrap it first, e.g. with swift-prometheus).
    public init(instance: Instance, workers: Workers?, factory: any MetricsFactory = MetricsSystem.factory) {
        self.instance = instance
        self.workers = workers
        self.factory = factory
        let ports = instance.ports.map { port in
            let labels = [("port", port.name), ("queue", String(port.queue)), ("driver", port.driver)]
            let names = PortStats().counters.map(\.name)
            return PortCounters(
                port: port,
                counters: names.map { Counter(label: "cne_port_\($0)_total", dimensions: labels, factory: factory) },
                last: names.map { _ in 0 })
        }
        let workerCounters = (workers?.stats ?? []).map { stats in
            WorkerCounters(
                stats: stats,
                counters: Self.workerCounterNames.map {
                    Counter(label: "cne_worker_\($0)_total", dimensions: [("worker", stats.name)], factory: factory)
                },
                last: Self.workerCounterNames.map { _ in 0 })
        }
        let pools = instance.poolUsage().map { usage in
            (usage, Gauge(
                label: "cne_pool_buffers_in_use", dimensions: [("umem", usage.umem), ("region", String(usage.region))],
                factory: factory))
        }
        let running = workers.map { _ in Gauge(label: "cne_workers_running", dimensions: [], factory: factory) }
        state = TracedMutex(State(ports: ports, workers: workerCounters, pools: pools, running: running))
    }

    /// Reads every counter and brings the metrics up to date. Safe from any thread; after the
    /// instance closed, port counters stay at their last values.
    public func update() {
        let workers = self.workers
        let instance = self.instance
        state.withLock { s in
            for i in s.ports.indices {
                guard let stats = try? s.ports[i].port.stats() else { continue }
                for (k, value) in stats.counters.map(\.value).enumerated() {
                    Self.advance(s.ports[i].counters[k], from: &s.ports[i].last[k], to: value)
                }
            }
            for i in s.workers.indices {
                let w = s.workers[i].stats
                let values = [w.receivedPackets, w.sentPackets, w.droppedPackets, w.idleWaitCount, w.passCount]
                for (k, value) in values.enumerated() {
                    Self.advance(s.workers[i].counters[k], from: &s.workers[i].last[k], to: value)
                }
            }
            let current = instance.poolUsage()
            for (usage, gauge) in s.pools {
                if let now = current.first(where: { $0.umem == usage.umem && $0.region == usage.region }) {
                    gauge.record(now.inUse)
                }
            }
            if let workers { s.running?.record(workers.runningCount) }
        }
    }

    /// Adds the growth of a driver counter; a counter that went back (reset) restarts from there.
    private static func advance(_ counter: Counter, from last: inout UInt64, to value: UInt64) {
        if value > last { counter.increment(by: Int64(clamping: value - last)) }
        last = value
    }
}
