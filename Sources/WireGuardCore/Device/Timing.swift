/// A point on the caller's monotonic clock, in nanoseconds. The core never reads a clock: every
/// entry point takes `now`, so tests drive time deterministically.
public struct WireGuardTime: Sendable, Comparable, Hashable {
    /// Nanoseconds since an arbitrary origin.
    public var nanoseconds: UInt64

    /// A point `nanoseconds` after the origin.
    public init(nanoseconds: UInt64) { self.nanoseconds = nanoseconds }

    /// A point `seconds` after the origin.
    public static func seconds(_ seconds: Double) -> WireGuardTime { WireGuardTime(nanoseconds: UInt64(seconds * 1e9)) }

    /// Comparison.
    public static func < (a: WireGuardTime, b: WireGuardTime) -> Bool { a.nanoseconds < b.nanoseconds }

    /// The point `d` later.
    public static func + (t: WireGuardTime, d: Duration) -> WireGuardTime {
        WireGuardTime(nanoseconds: t.nanoseconds &+ UInt64(d.nanosecondsClamped))
    }

    /// The point `d` earlier (not before the origin).
    public static func - (t: WireGuardTime, d: Duration) -> WireGuardTime {
        let n = UInt64(d.nanosecondsClamped)
        return WireGuardTime(nanoseconds: t.nanoseconds > n ? t.nanoseconds - n : 0)
    }

    /// The time from `b` to `a` (zero if `a` is earlier).
    public static func - (a: WireGuardTime, b: WireGuardTime) -> Duration {
        .nanoseconds(a.nanoseconds > b.nanoseconds ? Int64(a.nanoseconds - b.nanoseconds) : 0)
    }
}

extension Duration {
    var nanosecondsClamped: Int64 {
        let (s, a) = components
        return max(0, s * 1_000_000_000 + a / 1_000_000_000)
    }
}

/// The protocol's fixed timers and limits (whitepaper section 6; wireguard-go's constants).
public enum Timing {
    /// A keypair older than this makes its initiator start a new handshake when sending.
    public static let rekeyAfterTime = Duration.seconds(120)
    /// After this many messages the initiator rekeys.
    public static let rekeyAfterMessages: UInt64 = 1 << 60
    /// No keypair is used for more messages than this.
    public static let rejectAfterMessages: UInt64 = UInt64.max - (1 << 13)
    /// No keypair is used after this age.
    public static let rejectAfterTime = Duration.seconds(180)
    /// A handshake is retried for this long before giving up.
    public static let rekeyAttemptTime = Duration.seconds(90)
    /// Wait this long for a response before retrying.
    public static let rekeyTimeout = Duration.seconds(5)
    /// Retries before giving up: rekeyAttemptTime / rekeyTimeout.
    public static let maxHandshakeAttempts = 18
    /// Retries are delayed by up to this much random jitter.
    public static let rekeyTimeoutJitterMax = Duration.milliseconds(334)
    /// Send a keepalive when data arrived and nothing was sent back for this long.
    public static let keepaliveTimeout = Duration.seconds(10)
    /// The responder's cookie secret changes this often; a received cookie is this fresh.
    public static let cookieRefresh = Duration.seconds(120)
    /// Initiations from one peer closer together than this are dropped (flood).
    public static let handshakeInitiationRate = Duration.milliseconds(20)
}
