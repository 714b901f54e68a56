import CNE
import Logging
import Prometheus
import ServiceLifecycle
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A small HTTP/1.1 server for Prometheus and probes, on POSIX sockets: `GET /metrics` (the
/// registry in Prometheus text format), `GET /livez` (200 while the process serves) and
/// `GET /readyz` (200 while the network function is ready, 503 otherwise). Everything else
/// is 404, other methods 405.
///
/// It serves one connection at a time on its own thread, closes each after one answer, and
/// bounds what a client can cost: request heads of at most 8 KiB, 2 seconds to send one,
/// 2 seconds to take the answer. It listens on loopback unless told otherwise: metrics say
/// much about a host, so exposing them is a decision.
public final class MetricsEndpoint: Service, Sendable {
    /// The address it listens on (IPv4 dotted quad).
    public let address: String
    private let requestedPort: UInt16
    private let registry: PrometheusCollectorRegistry
    private let isLive: @Sendable () -> Bool
    private let isReady: @Sendable () -> Bool
    private let beforeScrape: @Sendable () -> Void
    private let logger: Logger
    private let bound = TracedMutex<(socket: Int32, port: UInt16)?>(nil)

    /// The largest request head accepted.
    public static let maxRequestHead = 8192
    /// Seconds a client has to send its request, and to take the answer.
    public static let ioTimeoutSeconds = 2

    /// An endpoint on `address:port` (port 0: any free port, see ``port``).
    ///
    /// - Parameters:
    ///   - registry: what `/metrics` shows.
    ///   - isLive: answers `/livez`.
    ///   - isReady: answers `/readyz`.
    ///   - beforeScrape: runs before `/metrics` is answered (bring counters up to date).
    public init(
        address: String = "127.0.0.1", port: UInt16 = 9464, registry: PrometheusCollectorRegistry,
        logger: Logger = Logger(label: "cne.metrics"),
        isLive: @escaping @Sendable () -> Bool = { true }, isReady: @escaping @Sendable () -> Bool,
        beforeScrape: @escaping @Sendable () -> Void = {}
    ) {
        self.address = address
        self.requestedPort = port
        self.registry = registry
        self.logger = logger
        self.isLive = isLive
        self.isReady = isReady
        self.beforeScrape = beforeScrape
    }

    /// The port it listens on once ``bind()`` or ``run()`` has bound it, else nil.
    public var port: UInt16? { bound.withLock { $0?.port } }

    /// Opens the listening socket now (``run()`` does it when not done yet), so that a
    /// port-in-use error comes before anything else starts.
    ///
    /// - Throws: a ``CNEError`` naming the address and the cause.
    public func bind() throws(CNEError) {
        if bound.withLock({ $0 != nil }) { return }
        let result = try ListeningSocket.open(address: address, port: requestedPort)
        bound.withLock { $0 = result }
        logger.info("serving /metrics, /livez, /readyz", metadata: ["address": "\(address):\(result.port)"])
    }

    /// Serves until graceful shutdown or cancellation, then closes the socket.
    public func run() async throws {
        try bind()
        guard let socket = bound.withLock({ $0?.socket }) else { return }
        var stopFDs: [Int32] = [-1, -1]
        guard pipe(&stopFDs) == 0 else { throw CNEError.system(errno, "pipe", "cannot make the endpoint's stop pipe") }
        let stopRead = stopFDs[0]
        let stopWrite = stopFDs[1]
        let thread = TracedMutex<WorkerThread?>(nil)
        await withTaskCancellationOrGracefulShutdownHandler {
            await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                // The server's own thread says when it ends (the stop pipe was written).
                let started = WorkerThread { [self] in
                    serve(socket, stop: stopRead)
                    done.resume()
                }
                if started == nil { done.resume() }
                thread.withLock { $0 = started }
            }
        } onCancelOrGracefulShutdown: {
            var byte: UInt8 = 1
            _ = write(stopWrite, &byte, 1)
        }
        thread.withLock { $0 }?.join()
        close(stopRead)
        close(stopWrite)
        close(socket)
        bound.withLock { $0 = nil }
    }

    /// The accept loop: one connection at a time, until the stop pipe is readable.
    private func serve(_ socket: Int32, stop: Int32) {
        var fds = [pollfd(fd: socket, events: Int16(POLLIN), revents: 0), pollfd(fd: stop, events: Int16(POLLIN), revents: 0)]
        while true {
            fds[0].revents = 0
            fds[1].revents = 0
            guard poll(&fds, 2, -1) >= 0 || errno == EINTR else { return }
            if fds[1].revents != 0 { return }
            guard fds[0].revents & Int16(POLLIN) != 0 else { continue }
            let client = accept(socket, nil, nil)
            guard client >= 0 else { continue }
            _ = fcntl(client, F_SETFD, FD_CLOEXEC)
            handle(client)
            close(client)
        }
    }

    /// Reads one request head (bounded in size and time) and answers it.
    private func handle(_ client: Int32) {
        var timeout = timeval(tv_sec: Self.ioTimeoutSeconds, tv_usec: 0)
        _ = setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        _ = setsockopt(client, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var head: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 2048)
        var end: Int? = nil
        let deadline = Self.now() + Double(Self.ioTimeoutSeconds)
        while end == nil {
            guard head.count < Self.maxRequestHead else { return respond(client, status: 431, body: "request head too large\n") }
            guard Self.now() < deadline else { return }  // a slow client: drop it
            let n = chunk.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { return }  // closed, timed out or failed: nothing to answer
            head += chunk[0..<n]
            end = HTTPRequestHead.headEnd(in: head)
        }
        guard let end, end <= Self.maxRequestHead else { return respond(client, status: 431, body: "request head too large\n") }
        let request: HTTPRequestHead
        do {
            request = try HTTPRequestHead.parse(head[0..<end])
        } catch {
            switch error {
            case .badRequest: return respond(client, status: 400, body: "bad request\n")
            case .tooLarge: return respond(client, status: 431, body: "request head too large\n")
            case .unsupportedVersion: return respond(client, status: 505, body: "HTTP/1.0 or HTTP/1.1 only\n")
            }
        }
        guard request.method == "GET" || request.method == "HEAD" else {
            return respond(client, status: 405, body: "GET only\n", extra: "Allow: GET, HEAD\r\n")
        }
        let bodyless = request.method == "HEAD"
        switch request.target {
        case "/metrics":
            beforeScrape()
            respond(client, status: 200, body: registry.emitToBuffer(), type: "text/plain; version=0.0.4; charset=utf-8", bodyless: bodyless)
        case "/livez":
            let live = isLive()
            respond(client, status: live ? 200 : 503, body: live ? "ok\n" : "not live\n", bodyless: bodyless)
        case "/readyz":
            let ready = isReady()
            respond(client, status: ready ? 200 : 503, body: ready ? "ready\n" : "not ready\n", bodyless: bodyless)
        default:
            respond(client, status: 404, body: "not found: try /metrics, /livez, /readyz\n", bodyless: bodyless)
        }
    }

    private func respond(_ client: Int32, status: Int, body: String, extra: String = "", bodyless: Bool = false) {
        respond(client, status: status, body: Array(body.utf8), type: "text/plain; charset=utf-8", extra: extra, bodyless: bodyless)
    }

    private func respond(
        _ client: Int32, status: Int, body: [UInt8], type: String, extra: String = "", bodyless: Bool = false
    ) {
        let reason = Self.reasons[status] ?? "Status"
        let head = "HTTP/1.1 \(status) \(reason)\r\nContent-Type: \(type)\r\nContent-Length: \(body.count)\r\n"
            + "Connection: close\r\n\(extra)\r\n"
        var bytes = Array(head.utf8)
        if !bodyless { bytes += body }
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { return }
            offset += n
        }
    }

    private static let reasons = [
        200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed",
        431: "Request Header Fields Too Large", 503: "Service Unavailable", 505: "HTTP Version Not Supported",
    ]

    private static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}
