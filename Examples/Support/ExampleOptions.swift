import ArgumentParser

/// The command-line options every example takes.
public struct ExampleOptions: ParsableArguments, Sendable {
    /// The JSON-C configuration file.
    @Option(name: [.short, .long], help: "The JSON-C configuration file (CNDP's jcfg format).")
    public var config: String

    /// Stop after this many seconds (run until Ctrl-C or SIGTERM when absent).
    @Option(name: .long, help: "Stop after this many seconds (default: until Ctrl-C or SIGTERM).")
    public var duration: Double?

    /// No per-second table; the final summary is still printed.
    @Flag(name: .long, help: "Do not print the per-second table (the final summary is still printed).")
    public var quiet = false

    /// The address the metrics and health endpoint listens on.
    @Option(name: .customLong("metrics-address"), help: "Serve /metrics, /livez and /readyz on this IPv4 address.")
    public var metricsAddress = "127.0.0.1"

    /// The port of the metrics and health endpoint; 0 turns it off.
    @Option(name: .customLong("metrics-port"), help: "The port of /metrics, /livez and /readyz (0: no endpoint).")
    public var metricsPort: UInt16 = 9464

    /// Makes the options with their defaults (the argument parser fills them in).
    public init() {}

    /// Rejects a duration that is not a positive number of seconds.
    public func validate() throws {
        if let duration, !(duration > 0 && duration <= 86_400 * 365) {
            throw ValidationError("--duration must be a positive number of seconds")
        }
    }
}
