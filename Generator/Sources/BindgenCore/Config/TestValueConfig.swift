/// How the generated tests make one argument of a function-like macro they cannot call on
/// scratch memory: a macro that calls into the library (`jcfg_num_lports(j)` needs a `jcfg_info_t`
/// the library parsed) or follows pointers it loads (`vec_full(v)` reads the header in front of
/// a vector). When every parameter of such a macro has a matching entry, its test makes the
/// values, calls the Swift function and C's expansion with them and compares the results;
/// without, it only references the macro as a function value.
///
/// The first entry matching a parameter gives its value. An entry matches by C type, by
/// parameter name, or both, and only in the macros its `macros` patterns name (all when empty).
public struct TestValueConfig: Sendable, Hashable {
    /// The parameter's C type as the instantiation spells it (`jcfg_info_t *`); spaces around
    /// `*` do not matter. nil: any type.
    public var type: String?
    /// The parameter's name in the macro (`n`); nil: any name.
    public var parameter: String?
    /// Regexes of macro names the entry applies to, each matched against the whole name;
    /// empty: every macro.
    public var macros: [String]
    /// A C expression of the parameter's type, evaluated once per use in a C function of the
    /// test probes (`jcfg_parser(JCFG_PARSE_STRING, text)`); it may use `testSupport`.
    public var value: String
    /// A C function or macro called with the value after the test (`jcfg_destroy`); nil: none.
    public var release: String?
    /// Where the entry starts in the config file.
    public var location: SourceLocation?
    /// True when both sides of a test get this one value instead of one each: for an object the
    /// macros only read and whose addresses they return (a parsed config a lookup points into).
    public var shared: Bool
    /// Creates one.
    public init(type: String? = nil, parameter: String? = nil, macros: [String] = [], value: String, release: String? = nil, shared: Bool = false, location: SourceLocation? = nil) {
        self.shared = shared
        self.type = type
        self.parameter = parameter
        self.macros = macros
        self.value = value
        self.release = release
        self.location = location
    }

    /// `type` with one space before each `*` and none after, whitespace collapsed, so that
    /// `const char*` and `const char *` are the same.
    public static func normalized(_ type: String) -> String {
        var out = ""
        for c in type {
            if c == "*" {
                while out.hasSuffix(" ") { out.removeLast() }
                if !out.isEmpty && !out.hasSuffix("*") { out += " " }
                out.append(c)
            } else if c.isWhitespace {
                if !out.isEmpty && !out.hasSuffix(" ") && !out.hasSuffix("*") { out += " " }
            } else {
                if out.hasSuffix("*") && (c.isLetter || c == "_") { out += " " }
                out.append(c)
            }
        }
        while out.hasSuffix(" ") { out.removeLast() }
        return out
    }

    /// True when the entry gives the value of parameter `name` of C type `spelling` (its
    /// `macros` patterns are checked once per macro, `scopes`).
    func matches(parameter name: String, spelling: String) -> Bool {
        if let type, Self.normalized(type) != Self.normalized(spelling) { return false }
        if let parameter, parameter != name { return false }
        return true
    }

    /// For each macro name, the indices of the entries whose `macros` patterns accept it.
    static func scopes(_ entries: [TestValueConfig], macros names: [String]) -> [String: [Int]] {
        guard !entries.isEmpty else { return [:] }
        let patterns = entries.map { $0.macros.compactMap { try? Regex($0) } }
        var result: [String: [Int]] = [:]
        for name in Set(names) {
            result[name] = entries.indices.filter { i in entries[i].macros.isEmpty || patterns[i].contains { (try? $0.wholeMatch(in: name)) != nil } }
        }
        return result
    }
}
