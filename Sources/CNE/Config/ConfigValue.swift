extension CNEConfig {
    /// A free-form value of the `application` and `options` sections: what jcfg's
    /// `__decode_object` keeps. Floating-point numbers, null and nested objects or arrays
    /// are errors (jcfg fails on them too), and an array holds one type only.
    public indirect enum Value: Sendable, Equatable {
        /// `true` or `false`.
        case bool(Bool)
        /// An integer.
        case int(Int64)
        /// A string.
        case string(String)
        /// An array of booleans, integers or strings, all of one type.
        case array([Value])

        /// The string, if this is one.
        public var string: String? {
            if case .string(let text) = self { return text }
            return nil
        }

        /// The boolean, if this is one.
        public var bool: Bool? {
            if case .bool(let value) = self { return value }
            return nil
        }

        /// The integer, if this is one.
        public var int: Int64? {
            if case .int(let value) = self { return value }
            return nil
        }

        var typeDescription: String {
            switch self {
            case .bool: return "a boolean"
            case .int: return "an integer"
            case .string: return "a string"
            case .array: return "an array"
            }
        }

        static func decode(_ node: JSONCNode, at path: ConfigKeyPath) throws(CNEError) -> Value {
            switch node.value {
            case .bool(let value): return .bool(value)
            case .int(let value): return .int(value)
            case .string(let text): return .string(text)
            case .array(let elements):
                var values: [Value] = []
                for (index, element) in elements.enumerated() {
                    let elementPath = path.appending(index: index)
                    if case .array = element.value {
                        throw .config(.typeMismatch, "expected a boolean, integer or string (arrays do not nest), found an array", at: element.location, keyPath: elementPath)
                    }
                    let value = try decode(element, at: elementPath)
                    if let first = values.first, first.typeDescription != value.typeDescription {
                        throw .config(.typeMismatch, "expected \(first.typeDescription) like the array's first element, found \(value.typeDescription)", at: element.location, keyPath: elementPath)
                    }
                    values.append(value)
                }
                return .array(values)
            default:
                throw .config(.typeMismatch, "expected a boolean, integer, string or array of one of those, found \(node.value.typeDescription)", at: node.location, keyPath: path)
            }
        }
    }

    /// A named free-form value, in document order.
    public struct Entry: Sendable, Equatable {
        /// The key.
        public var name: String
        /// The value.
        public var value: Value

        /// Makes an entry.
        public init(_ name: String, _ value: Value) {
            self.name = name
            self.value = value
        }
    }
}

extension [CNEConfig.Entry] {
    /// The value under `name`, ignoring letter case as jcfg's lookups do.
    public subscript(name: String) -> CNEConfig.Value? {
        let lowered = name.lowercased()
        return first { $0.name.lowercased() == lowered }?.value
    }
}

extension CNEConfig {
    /// Decodes a free-form section; names that differ only in letter case are duplicates, since
    /// jcfg looks them up ignoring case and would find only the first.
    static func decodeEntries(_ node: JSONCNode, at path: ConfigKeyPath) throws(CNEError) -> [Entry] {
        let reader = try ConfigObjectReader(node, at: path)
        var entries: [Entry] = []
        var seen: [String: JSONCMember] = [:]
        for member in reader.members {
            let memberPath = path.appending(member.key)
            if let first = seen[member.key.lowercased()] {
                throw .config(
                    .duplicateKey, "\(ConfigText.quoted(member.key)) repeats \(ConfigText.quoted(first.key)) (names are looked up ignoring case)",
                    at: member.keyLocation, keyPath: memberPath, related: first.keyLocation)
            }
            seen[member.key.lowercased()] = member
            entries.append(Entry(member.key, try Value.decode(member.value, at: memberPath)))
        }
        return entries
    }
}
