/// Why the device dropped a datagram or packet. A struct over a private enum so reasons can be
/// added without breaking callers; the device counts each in ``WireGuardDevice/drops``.
public struct DropReason: Sendable, Hashable, CustomStringConvertible {
    enum Reason: String, Sendable, Hashable {
        case malformed = "malformed message"
        case badMAC1 = "bad mac1"
        case cookieSent = "under load without valid mac2 (cookie reply sent)"
        case handshakeFailed = "handshake did not authenticate or unknown peer"
        case replayedInitiation = "initiation timestamp not newer than the last (replay)"
        case initiationFlood = "initiations from one peer too fast"
        case unexpectedResponse = "response for no initiation in progress"
        case badCookie = "cookie reply did not authenticate"
        case unknownIndex = "unknown receiver index"
        case expiredKeypair = "keypair too old or exhausted"
        case badAuthentication = "transport data did not authenticate"
        case replay = "transport counter replayed or outside the window"
        case invalidInnerPacket = "decrypted data is not an IP packet"
        case disallowedSource = "inner source address not in the peer's AllowedIPs"
        case noRoute = "no peer's AllowedIPs contain the destination"
        case noEndpoint = "peer has no endpoint yet"
        case noRoom = "buffer lacks headroom or tailroom for the WireGuard framing"
    }

    let reason: Reason

    /// A datagram that is no WireGuard message (see ``MessageError``).
    public static let malformed = DropReason(reason: .malformed)
    /// A handshake message whose mac1 is wrong: not meant for us.
    public static let badMAC1 = DropReason(reason: .badMAC1)
    /// Under load, a handshake message without a valid mac2 was answered with a cookie.
    public static let cookieSent = DropReason(reason: .cookieSent)
    /// An initiation or response that did not decrypt, or came from an unknown static key.
    public static let handshakeFailed = DropReason(reason: .handshakeFailed)
    /// An initiation whose timestamp is not newer than the last one from that peer.
    public static let replayedInitiation = DropReason(reason: .replayedInitiation)
    /// Initiations from one peer less than 20 ms apart.
    public static let initiationFlood = DropReason(reason: .initiationFlood)
    /// A response naming no initiation of ours in progress.
    public static let unexpectedResponse = DropReason(reason: .unexpectedResponse)
    /// A cookie reply that did not open.
    public static let badCookie = DropReason(reason: .badCookie)
    /// Transport data for an index we do not have.
    public static let unknownIndex = DropReason(reason: .unknownIndex)
    /// Transport data for a keypair past its reject limits.
    public static let expiredKeypair = DropReason(reason: .expiredKeypair)
    /// Transport data whose tag is wrong.
    public static let badAuthentication = DropReason(reason: .badAuthentication)
    /// Transport data whose counter was seen or is too old.
    public static let replay = DropReason(reason: .replay)
    /// Decrypted data that is not a whole IPv4/IPv6 packet.
    public static let invalidInnerPacket = DropReason(reason: .invalidInnerPacket)
    /// A decrypted packet whose source the peer may not use.
    public static let disallowedSource = DropReason(reason: .disallowedSource)
    /// An outgoing packet no peer routes.
    public static let noRoute = DropReason(reason: .noRoute)
    /// An outgoing packet for a peer without an endpoint.
    public static let noEndpoint = DropReason(reason: .noEndpoint)
    /// An outgoing packet in a buffer too small for the header, padding and tag.
    public static let noRoom = DropReason(reason: .noRoom)

    /// The reason in words.
    public var description: String { reason.rawValue }

    /// A short identifier that stays the same across releases (`badMAC1`, `replay`, ...): for
    /// metric labels and scripts.
    public var name: String { "\(reason)" }
}
