/// Reads the members of one config object with jcfg's meaning and CNE's checks: each value's
/// JSON type is checked (no `"42"` for 42, no `2.0` for 2), numbers are range-checked, and keys
/// nobody read are reported at the end.
struct ConfigObjectReader {
    let node: JSONCNode
    let path: ConfigKeyPath
    let members: [JSONCMember]
    private(set) var read: Set<String> = []

    /// Fails unless `node` is an object.
    init(_ node: JSONCNode, at path: ConfigKeyPath, expected: String = "an object") throws(CNEError) {
        guard let members = node.members else {
            throw .config(.typeMismatch, "expected \(expected), found \(node.value.typeDescription)", at: node.location, keyPath: path)
        }
        self.node = node
        self.path = path
        self.members = members
    }

    /// The member under `name`, or under one of its `aliases` (never two of them).
    mutating func member(_ name: String, aliases: [String] = []) throws(CNEError) -> JSONCMember? {
        let keys = [name] + aliases
        read.formUnion(keys)
        let found = members.filter { keys.contains($0.key) }
        if found.count > 1 {
            // Report the later spelling, pointing back at the earlier one.
            throw .config(
                .duplicateKey, "\(ConfigText.quoted(found[1].key)) repeats \(ConfigText.quoted(found[0].key)) (they are spellings of one setting; give one)",
                at: found[1].keyLocation, keyPath: path.appending(found[1].key), related: found[0].keyLocation)
        }
        return found.first
    }

    func mismatch(_ member: JSONCMember, expected: String) -> CNEError {
        .config(.typeMismatch, "expected \(expected), found \(member.value.value.typeDescription)", at: member.value.location, keyPath: path.appending(member.key))
    }

    mutating func string(_ name: String, aliases: [String] = []) throws(CNEError) -> String? {
        guard let member = try member(name, aliases: aliases) else { return nil }
        guard case .string(let text) = member.value.value else { throw mismatch(member, expected: "a string") }
        return text
    }

    mutating func bool(_ name: String, aliases: [String] = []) throws(CNEError) -> Bool? {
        guard let member = try member(name, aliases: aliases) else { return nil }
        guard case .bool(let value) = member.value.value else { throw mismatch(member, expected: "true or false") }
        return value
    }

    /// An integer within `range`; `unit` is named in the message, e.g. "units of 1024".
    mutating func integer(_ name: String, in range: ClosedRange<Int>, unit: String? = nil) throws(CNEError) -> Int? {
        guard let member = try member(name) else { return nil }
        return try Self.integer(member.value, in: range, unit: unit, at: path.appending(member.key))
    }

    static func integer(_ node: JSONCNode, in range: ClosedRange<Int>, unit: String? = nil, at path: ConfigKeyPath) throws(CNEError) -> Int {
        let suffix = unit.map { " (\($0))" } ?? ""
        let value: Int?
        switch node.value {
        case .int(let number): value = Int(exactly: number)
        case .uint: value = nil
        default:
            throw .config(.typeMismatch, "expected an integer\(suffix), found \(node.value.typeDescription)", at: node.location, keyPath: path)
        }
        guard let value, range.contains(value) else {
            let shown: String
            switch node.value {
            case .int(let number): shown = "\(number)"
            case .uint(let number): shown = "\(number)"
            default: shown = "?"
            }
            throw .config(.outOfRange, "expected an integer in \(range.lowerBound)...\(range.upperBound)\(suffix), found \(shown)", at: node.location, keyPath: path)
        }
        return value
    }

    /// An integer counted in units of 1024 (jcfg's `bufcnt`, `bufsz`, `rxdesc`, ...), returned multiplied out,
    /// limited so the product fits the `uint32_t` CNDP stores it in.
    mutating func kibiCount(_ name: String) throws(CNEError) -> Int? {
        guard let units = try integer(name, in: 0...Int(UInt32.max / 1024), unit: "units of 1024") else { return nil }
        return units * 1024
    }

    /// An array of strings.
    mutating func strings(_ name: String) throws(CNEError) -> [(String, JSONCNode)]? {
        guard let member = try member(name) else { return nil }
        guard case .array(let elements) = member.value.value else { throw mismatch(member, expected: "an array of strings") }
        var result: [(String, JSONCNode)] = []
        for (index, element) in elements.enumerated() {
            guard case .string(let text) = element.value else {
                throw .config(.typeMismatch, "expected a string, found \(element.value.typeDescription)", at: element.location, keyPath: path.appending(member.key).appending(index: index))
            }
            result.append((text, element))
        }
        return result
    }

    /// The first key nobody asked for that jcfg would have read (another letter case, or for
    /// lports a prefix of a known key) is an error, since it almost surely means that key;
    /// other unknown keys are ignored, as jcfg does, with a warning.
    func finish(warnings: inout [ConfigWarning], prefixMatching: Bool = false) throws(CNEError) {
        for member in members where !read.contains(member.key) {
            let lowered = member.key.lowercased()
            let meant = read.sorted().first { known in
                known.lowercased() == lowered || (prefixMatching && known.hasPrefix(member.key))
            }
            if let meant {
                throw .config(
                    .unknownKey, "unknown key \(ConfigText.quoted(member.key)) (expected \(ConfigText.quoted(meant)): jcfg would read it as that, CNE matches keys exactly)",
                    at: member.keyLocation, keyPath: path.appending(member.key))
            }
            warnings.append(ConfigWarning(
                location: member.keyLocation, keyPath: path.appending(member.key),
                message: "unknown key ignored (known keys: \(read.sorted().joined(separator: ", ")))"))
        }
    }
}
