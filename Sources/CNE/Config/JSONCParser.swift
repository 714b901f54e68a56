/// One call of json-c 0.16's `json_tokener_parse_ex` in non-strict mode, rewritten as recursive
/// descent over bytes.
///
/// Every quirk that decides what json-c accepts is reproduced on purpose, because a config CNE
/// accepts must mean the same to CNDP's jcfg: whitespace is only space, tab, CR and LF; `/* */`
/// and `//` comments may sit between any two tokens, but a `//` comment needs its newline and a
/// block comment ends only at a `*/` whose `*` does not follow a `*` that was itself ending an
/// attempt (so `/***/` is unterminated); `true`, `false`, `null`, `NaN` and `Infinity` match in
/// any letter case and, like numbers, complete only when the next character is seen; numbers take
/// json-c's loose alphabet (`-.5`, `1.`, `007`, `1e` all parse) and saturate on overflow; strings
/// may be single- or double-quoted, hold raw control characters and any bytes, and know only the
/// escapes `\" \\ \/ \b \f \n \r \t \uXXXX` (not `\'`), with json-c's handling of broken
/// surrogate pairs (U+FFFD); nesting stops at 32 levels. The checks are in json-c's order, so the
/// first error is reported at the byte json-c reports.
struct JSONCParser {
    /// json-c's `enum json_tokener_error` values, kept so tests can compare with the real tokener.
    enum TokenerError: Int32, Sendable {
        case depth = 2, parseEOF, parseUnexpected, parseNull, parseBoolean, parseNumber, parseArray
        case parseObjectKeyName, parseObjectKeySep, parseObjectValueSep, parseString, parseComment
    }

    /// Why a call did not produce a value.
    enum Failure: Error {
        /// The input ended inside a value or comment: json-c's `json_tokener_continue`.
        case incomplete(expected: String, path: ConfigKeyPath)
        /// A byte json-c rejects.
        case error(TokenerError, offset: Int, problem: CNEError.ConfigProblem, message: String, path: ConfigKeyPath, related: Int? = nil)
    }

    /// What to do where jcfg and CNE deliberately differ inside a value.
    enum KeyPolicy {
        /// json-c: a key ends at an escaped NUL and a repeated key replaces the value in place.
        case jsonC
        /// CNE: a NUL in a key and a repeated key are errors.
        case strict
    }

    static let maxDepth = 32

    let bytes: [UInt8]
    let lines: LineTable
    let keyPolicy: KeyPolicy
    var pos: Int
    private var path: [ConfigKeyPath.Component] = []

    init(bytes: [UInt8], lines: LineTable, keyPolicy: KeyPolicy, start: Int) {
        self.bytes = bytes
        self.lines = lines
        self.keyPolicy = keyPolicy
        self.pos = start
    }

    private var end: Int { bytes.count }
    private var keyPath: ConfigKeyPath { ConfigKeyPath(path) }

    private func incomplete(_ expected: String) -> Failure { .incomplete(expected: expected, path: keyPath) }

    private func fail(_ code: TokenerError, _ message: String, problem: CNEError.ConfigProblem = .syntax) -> Failure {
        .error(code, offset: pos, problem: problem, message: message, path: keyPath)
    }

    private func describe(_ byte: UInt8) -> String {
        switch byte {
        case 0x20...0x7E: return "'\(Character(Unicode.Scalar(byte)))'"
        default:
            let hex = String(byte, radix: 16, uppercase: true)
            return "byte 0x" + (hex.count < 2 ? "0" : "") + hex
        }
    }

    /// One json-c call: an optional value's leading space, the value, the space after it.
    /// Returns the value; `pos` is then the first byte after the trailing space and comments.
    mutating func parseTopLevel() throws(Failure) -> JSONCNode {
        try skipSpace()
        guard pos < end else { throw incomplete("a value") }
        let node = try parseValue(depth: 0)
        try skipSpace()
        return node
    }

    // MARK: Space and comments

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private mutating func skipSpace() throws(Failure) {
        while pos < end {
            let byte = bytes[pos]
            if Self.isSpace(byte) {
                pos += 1
            } else if byte == UInt8(ascii: "/") {
                try skipComment()
            } else {
                return
            }
        }
    }

    private mutating func skipComment() throws(Failure) {
        pos += 1
        guard pos < end else { throw incomplete("'*' or '/' to start a comment") }
        switch bytes[pos] {
        case UInt8(ascii: "/"):
            while pos < end, bytes[pos] != 0x0A { pos += 1 }
            // json-c reports a `//` comment without its newline as incomplete, so jcfg rejects
            // a file whose last line is such a comment.
            guard pos < end else { throw incomplete("a newline to end the '//' comment") }
            pos += 1
        case UInt8(ascii: "*"):
            pos += 1
            while true {
                while pos < end, bytes[pos] != UInt8(ascii: "*") { pos += 1 }
                guard pos < end else { throw incomplete("'*/' to end the comment") }
                pos += 1
                guard pos < end else { throw incomplete("'*/' to end the comment") }
                // json-c consumes the byte after a '*' even when it is another '*'.
                let next = bytes[pos]
                pos += 1
                if next == UInt8(ascii: "/") { return }
            }
        default:
            throw fail(.parseComment, "expected '*' or '/' after '/' to start a comment, found \(describe(bytes[pos]))")
        }
    }

    // MARK: Values

    private mutating func parseValue(depth: Int) throws(Failure) -> JSONCNode {
        let start = pos
        let value: JSONCValue
        switch bytes[pos] {
        case UInt8(ascii: "{"): value = try parseObject(depth: depth)
        case UInt8(ascii: "["): value = try parseArray(depth: depth)
        case UInt8(ascii: "\""), UInt8(ascii: "'"): value = .string(String(decoding: try parseString(), as: UTF8.self))
        case UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"): value = try parseBoolean()
        case UInt8(ascii: "n"), UInt8(ascii: "N"): value = try parseNullOrNaN()
        case UInt8(ascii: "i"), UInt8(ascii: "I"): value = try parseInfinity(negative: false)
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"): value = try parseNumber(depth: depth)
        default:
            throw fail(.parseUnexpected, "expected a value (object, array, string, number, true, false or null), found \(describe(bytes[pos]))")
        }
        return JSONCNode(value, at: lines.location(start))
    }

    private mutating func parseObject(depth: Int) throws(Failure) -> JSONCValue {
        pos += 1
        var members: [JSONCMember] = []
        var indexByKey: [[UInt8]: Int] = [:]
        while true {
            try skipSpace()
            guard pos < end else { throw incomplete("a quoted key or '}'") }
            let byte = bytes[pos]
            if byte == UInt8(ascii: "}") {
                pos += 1
                return .object(members)
            }
            guard byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") else {
                throw fail(.parseObjectKeyName, "expected a quoted key (\"name\" or 'name') or '}', found \(describe(byte))")
            }
            let keyStart = pos
            var keyBytes = try parseString()
            let keyLocation = lines.location(keyStart)
            if let nul = keyBytes.firstIndex(of: 0) {
                switch keyPolicy {
                case .jsonC: keyBytes.removeSubrange(nul...)  // json-c copies the key with strdup
                case .strict:
                    pos = keyStart
                    throw fail(.parseString, "a key must not contain \\u0000 (json-c would cut the key there)", problem: .invalidValue)
                }
            }
            let key = String(decoding: keyBytes, as: UTF8.self)
            path.append(.key(key))
            try skipSpace()
            guard pos < end else { throw incomplete("':' after the key") }
            guard bytes[pos] == UInt8(ascii: ":") else {
                throw fail(.parseObjectKeySep, "expected ':' after the key, found \(describe(bytes[pos]))")
            }
            pos += 1
            try skipSpace()
            guard pos < end else { throw incomplete("a value") }
            guard depth < Self.maxDepth - 1 else {
                throw fail(.depth, "nesting deeper than \(Self.maxDepth) levels", problem: .nestingTooDeep)
            }
            let value = try parseValue(depth: depth + 1)
            if let first = indexByKey[keyBytes] {
                switch keyPolicy {
                case .jsonC:
                    members[first].value = value  // json-c replaces the value and keeps the key's place
                case .strict:
                    let firstLocation = members[first].keyLocation
                    throw .error(
                        .parseObjectKeyName, offset: keyStart, problem: .duplicateKey,
                        message: "duplicate key \(quoted(key)), first at line \(firstLocation.line) column \(firstLocation.column) (json-c would silently keep only the last)",
                        path: keyPath, related: firstLocation.offset)
                }
            } else {
                indexByKey[keyBytes] = members.count
                members.append(JSONCMember(key: key, keyLocation: keyLocation, value: value))
            }
            path.removeLast()
            try skipSpace()
            guard pos < end else { throw incomplete("',' or '}'") }
            switch bytes[pos] {
            case UInt8(ascii: "}"):
                pos += 1
                return .object(members)
            case UInt8(ascii: ","):
                pos += 1
            default:
                throw fail(.parseObjectValueSep, "expected ',' or '}' after an object member, found \(describe(bytes[pos]))")
            }
        }
    }

    private mutating func parseArray(depth: Int) throws(Failure) -> JSONCValue {
        pos += 1
        var elements: [JSONCNode] = []
        while true {
            try skipSpace()
            guard pos < end else { throw incomplete("a value or ']'") }
            if bytes[pos] == UInt8(ascii: "]") {
                pos += 1
                return .array(elements)
            }
            guard depth < Self.maxDepth - 1 else {
                throw fail(.depth, "nesting deeper than \(Self.maxDepth) levels", problem: .nestingTooDeep)
            }
            path.append(.index(elements.count))
            elements.append(try parseValue(depth: depth + 1))
            path.removeLast()
            try skipSpace()
            guard pos < end else { throw incomplete("',' or ']'") }
            switch bytes[pos] {
            case UInt8(ascii: "]"):
                pos += 1
                return .array(elements)
            case UInt8(ascii: ","):
                pos += 1
            default:
                throw fail(.parseArray, "expected ',' or ']' after an array element, found \(describe(bytes[pos]))")
            }
        }
    }

    private func quoted(_ key: String) -> String { ConfigText.quoted(key) }

    // MARK: Strings

    /// Parses a string from its opening quote through its closing quote; returns its bytes.
    private mutating func parseString() throws(Failure) -> [UInt8] {
        let quote = bytes[pos]
        pos += 1
        var text: [UInt8] = []
        while true {
            guard pos < end else { throw incomplete("the closing quote") }
            let byte = bytes[pos]
            if byte == quote {
                pos += 1
                return text
            }
            if byte == UInt8(ascii: "\\") {
                pos += 1
                try parseEscape(into: &text)
            } else {
                text.append(byte)
                pos += 1
            }
        }
    }

    /// The byte after a backslash (at `pos`).
    private mutating func parseEscape(into text: inout [UInt8]) throws(Failure) {
        guard pos < end else { throw incomplete("an escape character") }
        let byte = bytes[pos]
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(byte)
        case UInt8(ascii: "b"): text.append(0x08)
        case UInt8(ascii: "f"): text.append(0x0C)
        case UInt8(ascii: "n"): text.append(0x0A)
        case UInt8(ascii: "r"): text.append(0x0D)
        case UInt8(ascii: "t"): text.append(0x09)
        case UInt8(ascii: "u"):
            pos += 1
            try parseUnicodeEscape(into: &text)
            return
        default:
            throw fail(.parseString, "invalid escape \\\(describe(byte)): expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX")
        }
        pos += 1
    }

    private static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

    /// Four hex digits after `\u`, and json-c's treatment of surrogates around them.
    private mutating func parseUnicodeEscape(into text: inout [UInt8]) throws(Failure) {
        var high: UInt32 = 0
        while true {
            var scalar: UInt32 = 0
            for _ in 0..<4 {
                guard pos < end else { throw incomplete("four hex digits after \\u") }
                guard let digit = Self.hexValue(bytes[pos]) else {
                    throw fail(.parseString, "expected a hex digit in \\uXXXX, found \(describe(bytes[pos]))")
                }
                scalar = scalar << 4 | digit
                pos += 1
            }
            if high != 0 {
                if scalar & 0xFC00 == 0xDC00 {
                    scalar = ((high & 0x3FF) << 10) + (scalar & 0x3FF) + 0x10000
                } else {
                    text += Self.replacement
                }
                high = 0
            }
            switch scalar {
            case ..<0x80:
                text.append(UInt8(scalar))
            case ..<0x800:
                text += [0xC0 | UInt8(scalar >> 6), 0x80 | UInt8(scalar & 0x3F)]
            case _ where scalar & 0xFC00 == 0xD800:
                // A high surrogate wants `\u` and a low one next; anything else leaves U+FFFD.
                high = scalar
                guard pos < end else { throw incomplete("a low surrogate \\uXXXX") }
                guard bytes[pos] == UInt8(ascii: "\\") else {
                    text += Self.replacement
                    return
                }
                pos += 1
                guard pos < end else { throw incomplete("a low surrogate \\uXXXX") }
                guard bytes[pos] == UInt8(ascii: "u") else {
                    text += Self.replacement
                    try parseEscape(into: &text)
                    return
                }
                pos += 1
                continue
            case _ where scalar & 0xFC00 == 0xDC00:
                text += Self.replacement
            case ..<0x10000:
                text += [0xE0 | UInt8(scalar >> 12), 0x80 | UInt8((scalar >> 6) & 0x3F), 0x80 | UInt8(scalar & 0x3F)]
            case ..<0x110000:
                text += [
                    0xF0 | UInt8((scalar >> 18) & 0x07), 0x80 | UInt8((scalar >> 12) & 0x3F),
                    0x80 | UInt8((scalar >> 6) & 0x3F), 0x80 | UInt8(scalar & 0x3F),
                ]
            default:
                text += Self.replacement
            }
            return
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    // MARK: Literals

    private static func lower(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }

    /// Whether the first `count` bytes of `typed` equal those of `word`, ignoring ASCII case (strncasecmp).
    private static func prefixMatches(_ word: String, _ typed: [UInt8], _ count: Int) -> Bool {
        let word = Array(word.utf8)
        for index in 0..<count where Self.lower(typed[index]) != word[index] { return false }
        return true
    }

    /// json-c completes a literal only when it sees the byte after it, which it leaves unread.
    private mutating func parseBoolean() throws(Failure) -> JSONCValue {
        var typed: [UInt8] = []
        var index = 0
        while true {
            guard pos < end else { throw incomplete("the rest of true or false") }
            typed.append(bytes[pos])
            if Self.prefixMatches("true", typed, min(index + 1, 4)) {
                if index == 4 { return .bool(true) }
            } else if Self.prefixMatches("false", typed, min(index + 1, 5)) {
                if index == 5 { return .bool(false) }
            } else {
                throw fail(.parseBoolean, "expected true or false, found \(describe(bytes[pos]))")
            }
            index += 1
            pos += 1
        }
    }

    private mutating func parseNullOrNaN() throws(Failure) -> JSONCValue {
        var typed: [UInt8] = []
        var index = 0
        while true {
            guard pos < end else { throw incomplete("the rest of null or NaN") }
            typed.append(bytes[pos])
            if Self.prefixMatches("null", typed, min(index + 1, 4)) {
                if index == 4 { return .null }
            } else if Self.prefixMatches("nan", typed, min(index + 1, 3)) {
                if index == 3 { return .double(.nan) }
            } else {
                throw fail(.parseNull, "expected null or NaN, found \(describe(bytes[pos]))")
            }
            index += 1
            pos += 1
        }
    }

    private mutating func parseInfinity(negative: Bool) throws(Failure) -> JSONCValue {
        for expected in "infinity".utf8 {
            guard pos < end else { throw incomplete("the rest of Infinity") }
            guard Self.lower(bytes[pos]) == expected else {
                throw fail(.parseUnexpected, "expected Infinity, found \(describe(bytes[pos]))")
            }
            pos += 1
        }
        guard pos < end else { throw incomplete("a character after Infinity") }
        return .double(negative ? -.infinity : .infinity)
    }

    // MARK: Numbers

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    private mutating func parseNumber(depth: Int) throws(Failure) -> JSONCValue {
        let start = pos
        var isDouble = false
        var isExponent = false
        var minusAllowed = true
        var plusAllowed = false
        // json-c's alphabet, not JSON's grammar: signs are allowed after '.' too, so "1.-"
        // is read and then trimmed to "1.".
        while true {
            guard pos < end else { throw incomplete("more digits or a character after the number") }
            let byte = bytes[pos]
            let accepted = Self.isDigit(byte)
                || (!isExponent && (byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")))
                || (minusAllowed && byte == UInt8(ascii: "-"))
                || (plusAllowed && byte == UInt8(ascii: "+"))
                || (!isDouble && byte == UInt8(ascii: "."))
            guard accepted else { break }
            minusAllowed = false
            plusAllowed = false
            switch byte {
            case UInt8(ascii: "."):
                isDouble = true
                minusAllowed = true
                plusAllowed = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                isExponent = true
                isDouble = true
                minusAllowed = true
                plusAllowed = true
            default:
                break
            }
            pos += 1
        }
        let stop = bytes[pos]
        let delimiters: [UInt8] = Array(",]}/Ii".utf8)
        if depth > 0, !delimiters.contains(stop), !Self.isSpace(stop) {
            throw fail(.parseNumber, "expected a digit or a delimiter in the number, found \(describe(stop))")
        }
        var text = Array(bytes[start..<pos])
        if text == [UInt8(ascii: "-")], stop == UInt8(ascii: "i") || stop == UInt8(ascii: "I") {
            return try parseInfinity(negative: true)
        }
        if isDouble {
            // json-c trims a dangling exponent or sign so that "123e+" reads as 123.
            while text.count > 1, let last = text.last, "eE+-".utf8.contains(last) { text.removeLast() }
            guard let value = Double(String(decoding: text, as: UTF8.self)) else {
                throw fail(.parseNumber, "malformed number \(quoted(String(decoding: text, as: UTF8.self)))")
            }
            return .double(value)
        }
        if text[0] == UInt8(ascii: "-") {
            guard text.count > 1 else { throw fail(.parseNumber, "expected digits after '-'") }
            var value: Int64 = 0
            for digit in text.dropFirst() {
                let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
                let (next, overflow2) = times.subtractingReportingOverflow(Int64(digit - UInt8(ascii: "0")))
                if overflow1 || overflow2 { return .int(.min) }  // strtoll saturates
                value = next
            }
            return .int(value)
        }
        var value: UInt64 = 0
        for digit in text {
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = times.addingReportingOverflow(UInt64(digit - UInt8(ascii: "0")))
            if overflow1 || overflow2 { return .uint(.max) }  // strtoull saturates
            value = next
        }
        return value <= UInt64(Int64.max) ? .int(Int64(value)) : .uint(value)
    }
}
