/// A JSON-C value as json-c's tokener builds it, with object members in document order.
///
/// Integers stay integers (`.int`, or `.uint` above `Int64.max`, as json-c keeps them) so
/// that a config decoder can refuse `2.0` where a count is expected.
public indirect enum JSONCValue: Sendable, Equatable {
    /// `null` (any letter case).
    case null
    /// `true` or `false` (any letter case).
    case bool(Bool)
    /// An integer without fraction or exponent; beyond the range it saturates, as `strtoll` does.
    case int(Int64)
    /// A non-negative integer above `Int64.max`; beyond `UInt64.max` it saturates, as `strtoull` does.
    case uint(UInt64)
    /// A number with a fraction or exponent, or `NaN`, `Infinity`, `-Infinity`.
    case double(Double)
    /// A string; bytes that are not UTF-8 read as U+FFFD.
    case string(String)
    /// An array.
    case array([JSONCNode])
    /// An object, its members in document order; keys are unique.
    case object([JSONCMember])

    /// The type's name with an article, for "expected …, found …" messages.
    public var typeDescription: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .int, .uint: return "an integer"
        case .double: return "a floating-point number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// A value and where it starts in the document.
public struct JSONCNode: Sendable, Equatable {
    /// The value.
    public var value: JSONCValue
    /// Where the value's first character is.
    public var location: SourceLocation

    /// Makes a node.
    public init(_ value: JSONCValue, at location: SourceLocation) {
        self.value = value
        self.location = location
    }

    /// The members of an object, or nil for any other value.
    public var members: [JSONCMember]? {
        if case .object(let members) = value { return members }
        return nil
    }
}

/// One `key: value` of an object.
public struct JSONCMember: Sendable, Equatable {
    /// The key, unescaped.
    public var key: String
    /// Where the key's opening quote is.
    public var keyLocation: SourceLocation
    /// The value.
    public var value: JSONCNode

    /// Makes a member.
    public init(key: String, keyLocation: SourceLocation, value: JSONCNode) {
        self.key = key
        self.keyLocation = keyLocation
        self.value = value
    }
}
