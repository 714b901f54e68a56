import Testing
@testable import CNERuntime

/// The endpoint's request parsing: never traps, refuses with the right status.
@Suite struct HTTPRequestHeadTests {
    private func parse(_ text: String) -> Result<HTTPRequestHead, HTTPRequestHead.Refusal> {
        let bytes = Array(text.utf8)
        do {
            return .success(try HTTPRequestHead.parse(bytes[...]))
        } catch {
            return .failure(error)
        }
    }

    @Test func wellFormed() {
        #expect(parse("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n") == .success(HTTPRequestHead(method: "GET", target: "/metrics")))
        #expect(parse("HEAD /livez HTTP/1.0\r\n\r\n") == .success(HTTPRequestHead(method: "HEAD", target: "/livez")))
    }

    @Test func malformed() {
        #expect(parse("GET /metrics\r\n\r\n") == .failure(.badRequest))
        #expect(parse("GET  /metrics HTTP/1.1\r\n\r\n") == .failure(.badRequest))
        #expect(parse("get /metrics HTTP/1.1\r\n\r\n") == .failure(.badRequest))
        #expect(parse("GET /m\u{1b}[2J HTTP/1.1\r\n\r\n") == .failure(.badRequest))
        #expect(parse("GET /metrics HTTP/2.0\r\n\r\n") == .failure(.unsupportedVersion))
        #expect(parse("\r\n\r\n") == .failure(.badRequest))
        #expect(parse("") == .failure(.badRequest))
    }

    @Test func headEnd() {
        #expect(HTTPRequestHead.headEnd(in: Array("GET / HTTP/1.1\r\n\r\nrest".utf8)) == 18)
        #expect(HTTPRequestHead.headEnd(in: Array("GET / HTTP/1.1\r\n".utf8)) == nil)
        #expect(HTTPRequestHead.headEnd(in: []) == nil)
    }
}
