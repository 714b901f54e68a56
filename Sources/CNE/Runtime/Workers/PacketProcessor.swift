/// A network function's packet logic, run by each worker of the runtime (``Workers``).
///
/// The runtime owns the loop: it receives bursts on the worker's queues, calls
/// ``process(_:from:worker:)`` with each, sleeps when the ports are idle, stops on request,
/// drains what was sent and frees what was left. The logic stays synchronous and never
/// allocates per packet; one processor is made per worker, on the worker's thread.
public protocol PacketProcessor: ~Copyable {
    /// Handles a burst received on `port`; packets still in `burst` afterwards are freed
    /// (and counted as dropped by the worker). Send with ``Worker/send(_:on:)``.
    mutating func process(_ burst: inout PacketBurst, from port: Port, worker: borrowing Worker) throws(CNEError)

    /// Called once per pass before receiving, for work that is not driven by received
    /// packets (a generator); returns how many packets it handled (0 lets the worker idle).
    mutating func poll(worker: borrowing Worker) throws(CNEError) -> Int
}

extension PacketProcessor where Self: ~Copyable {
    /// No work of its own: the default.
    public mutating func poll(worker: borrowing Worker) throws(CNEError) -> Int { 0 }
}
