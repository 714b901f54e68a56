/// A parsed JSON-C document: CNDP's config dialect, read the way jcfg reads it, minus jcfg's
/// silent data loss.
///
/// CNE accepts a subset of what jcfg accepts, and every document it accepts has the same values
/// (in the same order) as jcfg sees. The differences are deliberate errors where jcfg would
/// silently drop or replace data:
/// - a key repeated in one object (json-c keeps the last value): ``CNEError/ConfigProblem/duplicateKey``,
///   naming both places;
/// - anything but space and comments after the top-level value (jcfg parses it as another
///   document that replaces the first, or ignores it when incomplete): ``CNEError/ConfigProblem/trailingContent``;
/// - a NUL byte anywhere (jcfg reads the file as a C string and stops there), or `\u0000` in a key
///   (json-c cuts the key there): ``CNEError/ConfigProblem/syntax`` and ``CNEError/ConfigProblem/invalidValue``;
/// - a top-level `null` (jcfg then has no document): ``CNEError/ConfigProblem/typeMismatch``.
///
/// Parsing never traps on any input: nesting is bounded by json-c's 32 levels and every index is checked.
public struct JSONCDocument: Sendable {
    /// The top-level value.
    public let root: JSONCNode

    /// Parses the bytes of a document; `file` names it in locations and errors.
    public init(parsing bytes: [UInt8], file: String = "<string>") throws(CNEError) {
        let lines = LineTable(file: file, bytes: bytes)
        if let nul = bytes.firstIndex(of: 0) {
            throw .config(.syntax, "NUL byte in the document (jcfg would ignore everything after it)", at: lines.location(nul), keyPath: nil)
        }
        var parser = JSONCParser(bytes: bytes, lines: lines, keyPolicy: .strict, start: 0)
        let node: JSONCNode
        do {
            node = try parser.parseTopLevel()
        } catch {
            throw Self.error(error, lines: lines, end: bytes.count)
        }
        guard parser.pos == bytes.count else {
            throw .config(
                .trailingContent, "expected the end of the document after the top-level value (jcfg would read this as another document)",
                at: lines.location(parser.pos), keyPath: nil)
        }
        if case .null = node.value {
            throw .config(.typeMismatch, "the document is null (jcfg treats that as no document)", at: node.location, keyPath: nil)
        }
        root = node
    }

    /// Parses a document held in a string; `file` names it in locations and errors.
    public init(parsing text: String, file: String = "<string>") throws(CNEError) {
        try self.init(parsing: Array(text.utf8), file: file)
    }

    static func error(_ failure: JSONCParser.Failure, lines: LineTable, end: Int) -> CNEError {
        switch failure {
        case .incomplete(let expected, let path):
            return .config(.syntax, "unexpected end of the document: expected \(expected)", at: lines.location(end), keyPath: path)
        case .error(_, let offset, let problem, let message, let path, let related):
            return .config(problem, message, at: lines.location(offset), keyPath: path, related: related.map(lines.location))
        }
    }
}

/// How jcfg itself would read a document, for tests that compare CNE with the real json-c.
enum JcfgReading {
    /// The outcome of jcfg's `jcfg_parse_json` plus the root check of `jcfg_decode`.
    enum Outcome {
        /// jcfg has this root value.
        case accepted(JSONCNode)
        /// json-c reported this error at this offset of the (NUL-truncated) text.
        case tokenerError(JSONCParser.TokenerError, offset: Int)
        /// No call succeeded with a non-null value, so jcfg has no root.
        case noDocument
    }

    /// Replays jcfg's loop: the text ends at the first NUL (`strlen`); json-c is called on the
    /// rest until it is used up; each success replaces the root, an incomplete tail is dropped.
    static func read(_ bytes: [UInt8]) -> Outcome {
        let text = Array(bytes.prefix { $0 != 0 })
        let lines = LineTable(file: "<jcfg>", bytes: text)
        var root: JSONCNode?
        var start = 0
        while start != text.count {
            var parser = JSONCParser(bytes: text, lines: lines, keyPolicy: .jsonC, start: start)
            do {
                let node = try parser.parseTopLevel()
                root = node
                start = parser.pos
            } catch {
                switch error {
                case .incomplete:
                    start = text.count
                case .error(let code, let offset, _, _, _, _):
                    return .tokenerError(code, offset: offset)
                }
            }
        }
        guard let root else { return .noDocument }
        if case .null = root.value { return .noDocument }
        return .accepted(root)
    }
}
