import CNE
import CNERuntime
import Prometheus

/// The runtime's HTTP endpoint (`/metrics`, `/livez`, `/readyz`) on a task of its own beside
/// cne-wg's synchronous packet loop, with the registry the loop's ``WireGuardMetrics`` fill.
final class MetricsServer {
    let metrics: WireGuardMetrics
    private let task: Task<Void, any Error>

    /// Binds `address:port` now (so a port in use fails before the loop starts) and serves.
    init(address: String, port: UInt16, instance: Instance?) throws(CNEError) {
        let registry = PrometheusCollectorRegistry()
        let metrics = WireGuardMetrics(factory: PrometheusMetricsFactory(registry: registry), instance: instance)
        let runtime = metrics.runtime
        let endpoint = MetricsEndpoint(address: address, port: port, registry: registry,
                                       isReady: { true }, beforeScrape: { runtime?.update() })
        try endpoint.bind()
        print("cne-wg: metrics on http://\(address):\(endpoint.port ?? port)/metrics")
        self.metrics = metrics
        task = Task.detached { try await endpoint.run() }
    }

    deinit {
        task.cancel()   // the endpoint closes its socket and ends its thread
    }
}
