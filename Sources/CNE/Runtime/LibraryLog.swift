internal import CCNEShims
import Logging
import Synchronization

/// Routes libbpf's and libxdp's messages (printed on standard error by default, a handful at
/// every AF_XDP open) to swift-log, through their print hooks: warnings as `.notice` (a
/// failure they precede comes back from CNE as its own error, naming the cause; the rest are
/// fallbacks such as "no bpffs, no dispatcher"), the rest as `.debug`, with metadata `source`
/// `libbpf` or `libxdp`. The hooks are process-wide; the latest instance's logger gets them.
enum LibraryLog {
    private static let logger = TracedMutex<Logger?>(nil)

    /// Sends both libraries' messages to `logger` from now on.
    static func route(to logger: Logger) {
        self.logger.withLock { $0 = logger }
        _ = cne_library_log_route { source, level, text in
            guard let text, let logger = LibraryLog.logger.withLock({ $0 }) else { return }
            logger.log(
                level: level == 0 ? .notice : .debug, "\(String(cString: text))",
                metadata: ["source": source == 0 ? "libbpf" : "libxdp"])
        }
    }
}
