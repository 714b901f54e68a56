/// A `#define`, with the value clang computed for it when it is a constant expression.
public struct Macro: Hashable, Sendable {
    /// The name.
    public var name: String
    /// The parameter names of a function-like macro, nil for an object-like one.
    public var parameters: [String]?
    /// The replacement tokens, as spelled.
    public var tokens: [MacroToken]
    /// What clang evaluated `(NAME)` to, when it is a constant.
    public var value: MacroValue?
    /// Why clang could not evaluate it, when it could not.
    public var evaluationFailure: String?
    /// Where it is defined.
    public var location: SourceLocation

    /// Creates one.
    public init(name: String, parameters: [String]?, tokens: [MacroToken], value: MacroValue? = nil, evaluationFailure: String? = nil, location: SourceLocation) {
        self.name = name
        self.parameters = parameters
        self.tokens = tokens
        self.value = value
        self.evaluationFailure = evaluationFailure
        self.location = location
    }

    /// The replacement text, tokens joined by single spaces.
    public var body: String { tokens.map(\.spelling).joined(separator: " ") }
}

/// One preprocessing token.
public struct MacroToken: Hashable, Sendable {
    /// What kind of token.
    public enum Kind: String, Hashable, Sendable {
        /// Punctuation such as `(` or `<<`.
        case punctuation
        /// A keyword such as `sizeof`.
        case keyword
        /// An identifier.
        case identifier
        /// A number, character or string literal.
        case literal
    }

    /// The kind.
    public var kind: Kind
    /// The spelling.
    public var spelling: String

    /// Creates one.
    public init(_ kind: Kind, _ spelling: String) {
        self.kind = kind
        self.spelling = spelling
    }
}

/// A constant value clang evaluated.
public enum MacroValue: Hashable, Sendable {
    /// An integer; `type` is the C type of the expression.
    case integer(signed: Int64, unsigned: UInt64, type: CType)
    /// A floating-point value.
    case floating(Double, type: CType)
    /// A string literal's bytes (without the terminating NUL).
    case string([UInt8])
    /// A pointer made from an integer (`((sqlite3_destructor_type)-1)`, `(void *)-1`): its bits
    /// and its (canonical) pointer type.
    case pointer(bits: UInt64, type: CType)
}
