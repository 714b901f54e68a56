/// The parts of an HTTP/1.x request head the endpoint needs: the method and the target.
///
/// Parsing never traps: bytes from the socket are checked as they are read, and anything
/// that is not a well-formed request line yields a typed refusal.
struct HTTPRequestHead: Equatable {
    let method: String
    let target: String

    /// Why a request head was refused, as the status to answer with.
    enum Refusal: Error, Equatable {
        /// Malformed request line or header section: 400.
        case badRequest
        /// The head exceeds the size limit: 431.
        case tooLarge
        /// Not HTTP/1.0 or HTTP/1.1: 505.
        case unsupportedVersion
    }

    /// The end of the head (`\r\n\r\n`) in `bytes`, as the offset just past it, or nil when
    /// it has not arrived yet.
    static func headEnd(in bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for i in 0...(bytes.count - 4)
        where bytes[i] == 13 && bytes[i + 1] == 10 && bytes[i + 2] == 13 && bytes[i + 3] == 10 {
            return i + 4
        }
        return nil
    }

    /// Parses the request line of a complete head: `METHOD SP TARGET SP HTTP/1.x CRLF`.
    static func parse(_ head: ArraySlice<UInt8>) throws(Refusal) -> HTTPRequestHead {
        guard let lineEnd = head.firstIndex(of: 13), lineEnd + 1 < head.endIndex, head[lineEnd + 1] == 10 else {
            throw .badRequest
        }
        let parts = head[head.startIndex..<lineEnd].split(separator: 32, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty else { throw .badRequest }
        // Method: an HTTP token (letters); target: visible ASCII only.
        guard parts[0].allSatisfy({ (65...90).contains($0) }),
            parts[1].allSatisfy({ (33...126).contains($0) })
        else { throw .badRequest }
        let version = String(decoding: parts[2], as: UTF8.self)
        guard version.hasPrefix("HTTP/") else { throw .badRequest }
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else { throw .unsupportedVersion }
        return HTTPRequestHead(
            method: String(decoding: parts[0], as: UTF8.self), target: String(decoding: parts[1], as: UTF8.self))
    }
}
