/// A JSON value that remembers where it starts in its file, so config errors can point at it.
public indirect enum JSONValue: Sendable, Hashable {
    /// An object, members in document order.
    case object([JSONMember])
    /// An array.
    case array([LocatedJSON])
    /// A string.
    case string(String)
    /// A number, kept as written.
    case number(String)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`.
    case null

    /// The JSON type name, for error messages.
    public var typeName: String {
        switch self {
        case .object: "object"
        case .array: "array"
        case .string: "string"
        case .number: "number"
        case .bool: "boolean"
        case .null: "null"
        }
    }
}

/// A JSON value with its location.
public struct LocatedJSON: Sendable, Hashable {
    /// The value.
    public var value: JSONValue
    /// Where the value starts.
    public var location: SourceLocation
}

/// One `"key": value` member of an object.
public struct JSONMember: Sendable, Hashable {
    /// The key.
    public var key: String
    /// Where the key starts.
    public var keyLocation: SourceLocation
    /// The value.
    public var value: LocatedJSON
}

/// A small JSON parser that keeps locations and member order and accepts `//` and `/* */`
/// comments. Anything else beyond RFC 8259 is an error at its line and column.
public struct LocatedJSONParser {
    private let bytes: [UInt8]
    private let file: String
    private var index = 0
    private var line = 1
    private var lineStart = 0

    /// Parses `text`, naming `file` in locations.
    public static func parse(_ text: String, file: String) throws(BindgenFailure) -> LocatedJSON {
        var parser = LocatedJSONParser(bytes: Array(text.utf8), file: file)
        let value = try parser.parseValue()
        try parser.skipTrivia()
        if parser.index < parser.bytes.count { throw parser.failure("unexpected text after the JSON value") }
        return value
    }

    private init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
    }

    private var location: SourceLocation {
        SourceLocation(file: file, line: line, column: index - lineStart + 1)
    }

    private func failure(_ message: String) -> BindgenFailure {
        BindgenFailure([.error(message, at: location)])
    }

    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func advance() {
        if bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        index += 1
    }

    private mutating func skipTrivia() throws(BindgenFailure) {
        while let c = peek {
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D {
                advance()
            } else if c == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "/") {
                while let d = peek, d != 0x0A { advance() }
            } else if c == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "*") {
                advance()
                advance()
                while true {
                    guard let d = peek else { throw failure("unterminated comment") }
                    advance()
                    if d == UInt8(ascii: "*"), peek == UInt8(ascii: "/") {
                        advance()
                        break
                    }
                }
            } else {
                return
            }
        }
    }

    private mutating func parseValue() throws(BindgenFailure) -> LocatedJSON {
        try skipTrivia()
        let start = location
        guard let c = peek else { throw failure("unexpected end of file, expected a value") }
        switch c {
        case UInt8(ascii: "{"): return LocatedJSON(value: .object(try parseObject()), location: start)
        case UInt8(ascii: "["): return LocatedJSON(value: .array(try parseArray()), location: start)
        case UInt8(ascii: "\""): return LocatedJSON(value: .string(try parseString()), location: start)
        case UInt8(ascii: "t"): try expectWord("true"); return LocatedJSON(value: .bool(true), location: start)
        case UInt8(ascii: "f"): try expectWord("false"); return LocatedJSON(value: .bool(false), location: start)
        case UInt8(ascii: "n"): try expectWord("null"); return LocatedJSON(value: .null, location: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return LocatedJSON(value: .number(parseNumber()), location: start)
        default:
            throw failure("unexpected character '\(Character(Unicode.Scalar(c)))', expected a value")
        }
    }

    private mutating func expectWord(_ word: String) throws(BindgenFailure) {
        for expected in word.utf8 {
            guard peek == expected else { throw failure("invalid literal, expected '\(word)'") }
            advance()
        }
    }

    private mutating func parseNumber() -> String {
        let start = index
        while let c = peek,
            c == UInt8(ascii: "-") || c == UInt8(ascii: "+") || c == UInt8(ascii: ".")
                || c == UInt8(ascii: "e") || c == UInt8(ascii: "E") || (c >= 0x30 && c <= 0x39)
        {
            advance()
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func parseString() throws(BindgenFailure) -> String {
        advance()
        var scalars: [UInt8] = []
        while true {
            guard let c = peek else { throw failure("unterminated string") }
            if c == 0x0A { throw failure("newline in string") }
            advance()
            if c == UInt8(ascii: "\"") { break }
            if c != UInt8(ascii: "\\") {
                scalars.append(c)
                continue
            }
            guard let e = peek else { throw failure("unterminated string") }
            advance()
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(e)
            case UInt8(ascii: "n"): scalars.append(0x0A)
            case UInt8(ascii: "t"): scalars.append(0x09)
            case UInt8(ascii: "r"): scalars.append(0x0D)
            case UInt8(ascii: "b"): scalars.append(0x08)
            case UInt8(ascii: "f"): scalars.append(0x0C)
            case UInt8(ascii: "u"):
                var code: UInt32 = 0
                for _ in 0..<4 {
                    guard let h = peek, let digit = Self.hexValue(h) else { throw failure("bad \\u escape") }
                    advance()
                    code = code * 16 + digit
                }
                guard let scalar = Unicode.Scalar(code) else { throw failure("bad \\u escape") }
                scalars.append(contentsOf: Array(String(Character(scalar)).utf8))
            default:
                throw failure("bad escape '\\\(Character(Unicode.Scalar(e)))'")
            }
        }
        return String(decoding: scalars, as: UTF8.self)
    }

    private static func hexValue(_ c: UInt8) -> UInt32? {
        switch c {
        case 0x30...0x39: UInt32(c - 0x30)
        case 0x41...0x46: UInt32(c - 0x41 + 10)
        case 0x61...0x66: UInt32(c - 0x61 + 10)
        default: nil
        }
    }

    private mutating func parseArray() throws(BindgenFailure) -> [LocatedJSON] {
        advance()
        var items: [LocatedJSON] = []
        try skipTrivia()
        if peek == UInt8(ascii: "]") {
            advance()
            return items
        }
        while true {
            items.append(try parseValue())
            try skipTrivia()
            guard let c = peek else { throw failure("unterminated array") }
            advance()
            if c == UInt8(ascii: "]") { return items }
            guard c == UInt8(ascii: ",") else { throw failure("expected ',' or ']' in array") }
        }
    }

    private mutating func parseObject() throws(BindgenFailure) -> [JSONMember] {
        advance()
        var members: [JSONMember] = []
        try skipTrivia()
        if peek == UInt8(ascii: "}") {
            advance()
            return members
        }
        while true {
            try skipTrivia()
            let keyLocation = location
            guard peek == UInt8(ascii: "\"") else { throw failure("expected a quoted key") }
            let key = try parseString()
            if members.contains(where: { $0.key == key }) {
                throw BindgenFailure([.error("duplicate key '\(key)'", at: keyLocation)])
            }
            try skipTrivia()
            guard peek == UInt8(ascii: ":") else { throw failure("expected ':' after key") }
            advance()
            members.append(JSONMember(key: key, keyLocation: keyLocation, value: try parseValue()))
            try skipTrivia()
            guard let c = peek else { throw failure("unterminated object") }
            advance()
            if c == UInt8(ascii: "}") { return members }
            guard c == UInt8(ascii: ",") else { throw failure("expected ',' or '}' in object") }
        }
    }
}
