/// Reads a function-like macro's replacement tokens for what they say about each parameter,
/// and turns that into typed instantiations for clang to check (`FunctionMacroProbe`).
///
/// Evidence, strongest first: the parameter is passed whole to a function of the API (its
/// parameter type), or to another function-like macro whose parameter is known; it is the
/// base of `->` member accesses (a pointer to the one record that has all those members); it
/// is cast to a pointer or `uintptr_t` (`const void *`). A parameter used only in arithmetic is
/// type-generic: the macro is instantiated once per standard arithmetic type, and every
/// instantiation clang accepts becomes an overload (each one is C's own expansion for those
/// types, so each is exact).
struct MacroBodyAnalysis {
    /// What is known about one parameter.
    enum Evidence: Hashable {
        /// A fixed C type, and where it comes from.
        case fixed(String, because: String)
        /// A record pointer: tried `const` first, then mutable (the macro may write through it).
        case record(String, because: String)
        /// Only arithmetic: type-generic.
        case value
        /// Only the type of casts: the macro is instantiated with `void *` there, and the
        /// function has no such parameter.
        case typeArgument
    }

    /// The type list entry of a `typeArgument` parameter.
    static let typeArgument = "<type argument: void *>"

    /// A group of instantiations of which the first that compiles is kept.
    struct Group: Hashable {
        /// The overload suffix (empty when there is one group).
        var suffix: String
        /// Parameter type lists, in order of preference.
        var alternatives: [[String]]
    }

    /// The analysis of one macro.
    struct Result: Hashable {
        var evidence: [Evidence]
        var isStatement: Bool
        var groups: [Group]
        /// A readable account of the evidence.
        var explanation: String
    }

    /// Why a macro cannot be a function, with what `suggest` can still propose.
    struct Rejection: Error, Hashable {
        var reason: String
        /// Parameter types to suggest (nil: no entry can work, e.g. `#x`).
        var suggestedTypes: [String]?
        /// A suggested expression, when a parameter must be replaced by a type.
        var suggestedExpression: String?
        /// For a `for` header with one loop variable: what a closure-taking function needs.
        var forEach: ForEachShape?
    }

    /// A macro that is exactly a `for` header whose first clause assigns one parameter, the
    /// loop variable (`lh_foreach(table, entry)`: `for (entry = table->head; entry; entry =
    /// entry->next)`): a C function can run the loop and call back for each value.
    struct ForEachShape: Hashable {
        /// The loop variable's parameter and its position.
        var variable: String
        var index: Int
        /// The other parameters, in order.
        var inputs: [String]
        /// The tokens assigned to the loop variable first (`table->head`).
        var initializer: [MacroToken]
    }

    /// The for-each shape of `m`, when its body is `for (v = init; ...; ...)` with `v` one of its
    /// parameters and the initializer not using `v`.
    private func forEachShape(_ m: Macro) -> ForEachShape? {
        let t = m.tokens
        guard let parameters = m.parameters, t.count > 4, t[0].spelling == "for", t[1].spelling == "(", headerEnd(t) == t.count - 1 else { return nil }
        var level = 0
        var end = 2
        while end < t.count {
            let s = t[end].spelling
            if ["(", "[", "{"].contains(s) { level += 1 } else if [")", "]", "}"].contains(s) { level -= 1 }
            if level == 0, s == ";" || s == "," { break }
            end += 1
        }
        guard end < t.count, t[end].spelling == ";" else { return nil }
        var clause = Array(t[2..<end])
        if clause.count > 3, clause[0].spelling == "(", clause[2].spelling == ")" { clause.removeSubrange(0...0); clause.remove(at: 1) }
        guard clause.count > 2, clause[1].spelling == "=", let index = parameters.firstIndex(of: clause[0].spelling) else { return nil }
        let initializer = Array(clause[2...])
        let variable = parameters[index]
        guard !initializer.contains(where: { $0.spelling == variable }), macros[variable] == nil else { return nil }
        var inputs = parameters
        inputs.remove(at: index)
        guard !inputs.contains(where: { macros[$0] != nil }) else { return nil }
        return ForEachShape(variable: variable, index: index, inputs: inputs, initializer: initializer)
    }

    /// The arithmetic types a type-generic macro is instantiated with, and overload suffixes.
    static let arithmeticTypes: [(c: String, suffix: String)] = [
        ("int8_t", "i8"), ("uint8_t", "u8"), ("int16_t", "i16"), ("uint16_t", "u16"),
        ("int32_t", "i32"), ("uint32_t", "u32"), ("int64_t", "i64"), ("uint64_t", "u64"),
        ("long", "l"), ("unsigned long", "ul"), ("double", "f64"),
    ]

    private static let typeKeywords: Set<String> = [
        "int", "char", "short", "long", "unsigned", "signed", "float", "double", "void", "_Bool", "const", "volatile",
    ]

    let model: APIModel
    let macros: [String: Macro]
    private let functions: [String: Function]

    init(model: APIModel) {
        self.model = model
        self.macros = Dictionary(model.externalMacros.map { ($0.name, $0) } + model.macros.map { ($0.name, $0) }, uniquingKeysWith: { _, api in api })
        self.functions = Dictionary(model.functions.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Analyzes a function-like macro.
    func analyze(_ m: Macro) -> Swift.Result<Result, Rejection> {
        do { return .success(try analyze(m, depth: 0)) } catch { return .failure(error) }
    }

    private func analyze(_ m: Macro, depth: Int) throws(Rejection) -> Result {
        guard let parameters = m.parameters else { throw Rejection(reason: "not function-like") }
        let t = m.tokens
        if parameters.contains("...") || parameters.contains(where: { $0.hasSuffix("...") }) || t.contains(where: { $0.spelling == "__VA_ARGS__" }) {
            throw Rejection(reason: "variadic macro (`...`)\(variadicTarget(t)): a C function needs a fixed parameter list")
        }
        if t.isEmpty { throw Rejection(reason: "expands to nothing: there is no value or statement to call") }
        if functions[m.name] != nil { throw Rejection(reason: "a C function has the same name; Swift sees that one") }
        let first = t[0].spelling
        // `for (...)`, `if (...)`: a header that needs the statement written after the macro.
        // `if (0) f(x)` is a whole statement and is left to clang.
        if ["else", "case", "default"].contains(first) || t.last?.spelling == ")" && headerEnd(t).map({ $0 == t.count - 1 }) == true {
            let keyword = ["for", "if", "while", "switch", "else", "case", "default"].contains(first) ? first : t.last { ["for", "while", "if"].contains($0.spelling) }?.spelling ?? first
            var rejection = Rejection(reason: "a statement fragment (`\(keyword) ...`): it needs code written after it")
            if depth == 0 { rejection.forEach = forEachShape(m) }
            throw rejection
        }
        // An immediate asm operand (`asm(... :: "i"(status))`) needs a constant; clang checks
        // that only when it generates code, which the probes do not.
        if t.contains(where: { ["asm", "__asm__", "__asm"].contains($0.spelling) }), t.contains(where: { $0.spelling == "\"i\"" || $0.spelling == "\"n\"" }) {
            throw Rejection(reason: "an inline-asm immediate operand (`\"i\"`): it needs a compile-time constant, not a parameter")
        }
        if let bad = t.first(where: { ["__attribute__", "__attribute", "_Pragma", "__declspec"].contains($0.spelling) }) {
            throw Rejection(reason: "expands to `\(bad.spelling)`: an attribute or pragma, not a value")
        }
        if t.count >= 2, t[0].kind == .identifier, macros[t[0].spelling] == nil, functions[t[0].spelling] == nil,
            Self.typeKeywords.contains(t[0].spelling) || model.typedefs.contains(where: { $0.name == t[0].spelling }) {
            throw Rejection(reason: "expands to a declaration or type (`\(m.body.prefix(40))`), not a value")
        }
        if Self.typeKeywords.contains(first) || ["struct", "union", "enum", "static", "extern", "typedef", "_Atomic", "_Static_assert"].contains(first) {
            throw Rejection(reason: "expands to a declaration or type (`\(m.body.prefix(40))`), not a value")
        }
        let isStatement = first == "do" || first == "{" || t.contains { $0.spelling == ";" } && first != "(" && first != "__extension__"

        var evidence: [Evidence] = []
        var notes: [String] = []
        var typeParameters: [Int] = []
        parameterLoop: for (index, p) in parameters.enumerated() {
            let uses = t.indices.filter { t[$0].kind == .identifier && t[$0].spelling == p }
            if uses.isEmpty {
                evidence.append(.fixed("int", because: "unused"))
                notes.append("\(p): unused, int")
                continue
            }
            var fields: [String] = []
            var fixed: (String, String)?
            var pointerCast = false
            var castUses = 0
            for i in uses {
                let prev = i > 0 ? t[i - 1].spelling : ""
                let next = i + 1 < t.count ? t[i + 1].spelling : ""
                if prev == "#" { throw Rejection(reason: "stringizes parameter '\(p)' (`#\(p)`): it takes source text, not a value") }
                if prev == "##" || next == "##" { throw Rejection(reason: "pastes tokens with parameter '\(p)' (`##`): it takes source text, not a value") }
                if i > 0 && t[i - 1].kind == .literal && t[i - 1].spelling.hasSuffix("\"") || i + 1 < t.count && t[i + 1].kind == .literal && t[i + 1].spelling.hasPrefix("\"") {
                    let literal = i > 0 && t[i - 1].kind == .literal ? "\(t[i - 1].spelling) \(p)" : "\(p) \(t[i + 1].spelling)"
                    throw Rejection(reason: "concatenates parameter '\(p)' with a string literal (`\(literal)`): it takes a string literal, not a value")
                }
                if prev == "->" || prev == "." { throw Rejection(reason: "parameter '\(p)' names a member (`\(prev)\(p)`), not a value") }
                if ["struct", "union", "enum"].contains(prev) { throw Rejection(reason: "parameter '\(p)' names a tag (`\(prev) \(p)`), not a value") }
                // `(p)` or `p` in a position only a type or a callee can take.
                let (open, close) = parenthesized(t, i)
                let after = close + 1 < t.count ? t[close + 1] : nil
                let before = open > 0 ? t[open - 1].spelling : ""
                if next == "*" && i + 2 < t.count && t[i + 2].spelling == ")" || Self.typeKeywords.contains(prev) && prev != "const" || t.indices.contains(i + 1) && t[i + 1].kind == .identifier {
                    typeParameters.append(index)
                    evidence.append(.fixed("void *", because: "a type"))
                    continue parameterLoop
                }
                if open != i, let after, after.spelling == "(" || after.kind == .identifier || after.kind == .literal, !["sizeof", "__typeof__", "typeof", "__alignof__", "_Alignof"].contains(before), before != "" || after.spelling != "(" {
                    if after.spelling == "(" && !isCastContext(t, open) {
                        throw Rejection(reason: "parameter '\(p)' is called (`(\(p))(...)`): a function pointer or a callee name")
                    }
                    castUses += 1
                    continue
                }
                if open == i, next == "(" { throw Rejection(reason: "parameter '\(p)' is called (`\(p)(...)`): a function pointer or a callee name") }
                if let after, after.spelling == "->" || after.spelling == ".", close + 2 < t.count, t[close + 2].kind == .identifier {
                    if after.spelling == "." { throw Rejection(reason: "parameter '\(p)' is a record by value (`\(p).\(t[close + 2].spelling)`)") }
                    fields.append(t[close + 2].spelling)
                }
                if fixed == nil {
                    do {
                        if let argument = try argumentOf(t, open: open, close: close, depth: depth) { fixed = argument }
                    } catch {
                        throw Rejection(reason: "parameter '\(p)' goes to \(error.reason)")
                    }
                }
                // `(uintptr_t)p` or `(uintptr_t)(p)`.
                let castEnd: Int? = before == ")" ? open - 1
                    : before == "(" && open >= 2 && t[open - 2].spelling == ")" && close + 1 < t.count && t[close + 1].spelling == ")" ? open - 2 : nil
                if let castEnd, castEnd >= 1, castType(t, endingAt: castEnd).map({ $0.contains("*") || ["uintptr_t", "intptr_t"].contains($0) }) == true {
                    pointerCast = true
                }
            }
            if castUses > 0 {
                // Only the type of casts (`(t)(p)->addr`): instantiated with `void *`, which
                // the Swift caller binds to what it needs. Used otherwise too: a real type.
                if castUses == uses.count {
                    evidence.append(.typeArgument)
                    notes.append("\(p): the type of a cast, instantiated as void *")
                } else {
                    typeParameters.append(index)
                    evidence.append(.fixed("void *", because: "a type"))
                }
                continue
            }
            if let (type, why) = fixed, type == Self.typeArgument {
                evidence.append(.typeArgument)
                notes.append("\(p): \(why)")
            } else if let (type, why) = fixed {
                evidence.append(.fixed(type, because: why))
                notes.append("\(p): \(type) (\(why))")
            } else if !fields.isEmpty {
                let record = try record(with: Set(fields), for: m, parameter: p)
                evidence.append(.record(record, because: "`->\(Set(fields).sorted().joined(separator: "`, `->"))`"))
                notes.append("\(p): \(record) * (has `\(Set(fields).sorted().joined(separator: "`, `"))`)")
            } else if pointerCast {
                evidence.append(.fixed("const void *", because: "cast to a pointer or uintptr_t"))
                notes.append("\(p): const void * (cast to a pointer or uintptr_t)")
            } else {
                evidence.append(.value)
            }
        }
        if let index = typeParameters.first {
            var rejection = typeRejection(m, parameters, index, evidence: evidence)
            if typeParameters.count > 1 {
                rejection.reason = "parameters \(typeParameters.map { "'\(parameters[$0])'" }.joined(separator: ", ")) are types, not values"
                rejection.suggestedTypes = nil
            }
            throw rejection
        }
        let generic = evidence.contains(.value)
        func types(_ arithmetic: String?, const: Bool) -> [String] {
            evidence.map { e in
                switch e {
                case .fixed(let c, _): return c
                case .record(let r, _): return const ? "const \(r) *" : "\(r) *"
                case .value: return arithmetic ?? "int"
                case .typeArgument: return Self.typeArgument
                }
            }
        }
        let hasRecord = evidence.contains { if case .record = $0 { true } else { false } }
        func alternatives(_ arithmetic: String?) -> [[String]] {
            hasRecord ? [types(arithmetic, const: true), types(arithmetic, const: false)] : [types(arithmetic, const: false)]
        }
        // Bit operators and bit-counting builtins are defined for integers only; clang still
        // accepts a `double` there through an implicit conversion (`__builtin_ctz(6.5)`), which
        // truncates, and is undefined outside the target's range. No floating overload then.
        let integerOnly = generic ? integerOnlyOperation(in: m, depth: 0) : nil
        let instantiated = Self.arithmeticTypes.filter { integerOnly == nil || !Self.floatingTypes.contains($0.c) }
        let groups = generic
            ? instantiated.map { Group(suffix: "_" + $0.suffix, alternatives: alternatives($0.c)) }
            : [Group(suffix: "", alternatives: alternatives(nil))]
        if generic { notes.append("type-generic in \(parameters.enumerated().filter { evidence[$0.offset] == .value }.map(\.element).joined(separator: ", ")): one overload per arithmetic type clang accepts") }
        if let integerOnly { notes.append("integers only (`\(integerOnly)`): no floating overload") }
        return Result(evidence: evidence, isStatement: isStatement, groups: groups, explanation: notes.joined(separator: "; "))
    }

    /// ` forwarding them to mc_error()` and why that function cannot take a fixed list, when the
    /// variadic arguments go to a variadic function of the API.
    private func variadicTarget(_ t: [MacroToken]) -> String {
        guard let va = t.firstIndex(where: { $0.spelling == "__VA_ARGS__" }) else { return "" }
        var level = 0
        var i = va - 1
        while i >= 1 {
            let s = t[i].spelling
            if s == ")" { level += 1 } else if s == "(" {
                if level == 0 { break }
                level -= 1
            }
            i -= 1
        }
        guard i >= 1, t[i].spelling == "(", let f = functions[t[i - 1].spelling], f.isVariadic else { return "" }
        switch VariadicPolicy.formatIndex(of: f) {
        case .success: return " forwarding its arguments to the printf-like `\(f.name)()`"
        case .failure(let rejection): return " forwarding its arguments to `\(f.name)()` (a \(rejection.reason)), so no fixed-arity call of it is known to be sound"
        }
    }

    /// The floating types among `arithmeticTypes`.
    static let floatingTypes: Set<String> = ["float", "double", "long double"]

    /// Operators C defines for integer operands only (`&` also takes an address, which a
    /// type-generic value parameter has no use for).
    static let integerOnlyOperators: Set<String> = ["&", "|", "^", "~", "<<", ">>", "%", "&=", "|=", "^=", "<<=", ">>=", "%="]

    /// Builtins whose operands are integers (each also has `l`/`ll`/`g`/width-suffixed forms).
    static let integerOnlyBuiltins = [
        "__builtin_ctz", "__builtin_clz", "__builtin_popcount", "__builtin_ffs", "__builtin_parity", "__builtin_clrsb",
        "__builtin_bswap", "__builtin_bitreverse", "__builtin_rotateleft", "__builtin_rotateright", "__builtin_stdc_",
    ]

    /// The first integer-only operator or builtin in the macro's body or in the bodies of the
    /// macros it uses (`cne_numbytes` → `cne_prefixbits` → `cne_ctz` → `__builtin_ctz`).
    func integerOnlyOperation(in m: Macro, depth: Int) -> String? {
        for token in m.tokens {
            if token.kind == .punctuation, Self.integerOnlyOperators.contains(token.spelling) { return token.spelling }
            guard token.kind == .identifier else { continue }
            if Self.integerOnlyBuiltins.contains(where: { token.spelling.hasPrefix($0) }) { return token.spelling }
            if depth < 8, token.spelling != m.name, let inner = macros[token.spelling], let found = integerOnlyOperation(in: inner, depth: depth + 1) {
                return found
            }
        }
        return nil
    }

    /// The evidence of a macro as suggestion types (`int` where nothing is known).
    func suggestedTypes(_ evidence: [Evidence]) -> [String] {
        evidence.map { e in
            switch e {
            case .fixed(let c, _): return c
            case .record(let r, _): return "\(r) *"
            case .value: return "int"
            case .typeArgument: return "void *"
            }
        }
    }

    /// A parameter that is a type (`pktmbuf_mtod(m, t)`): no function can take it, but an
    /// entry can fix it, with the other parameters as far as they are known.
    private func typeRejection(_ m: Macro, _ parameters: [String], _ index: Int, evidence: [Evidence]) -> Rejection {
        let p = parameters[index]
        let types = suggestedTypes(evidence)
        var kept: [String] = []
        var arguments: [String] = []
        for (i, name) in parameters.enumerated() {
            if i == index { arguments.append("void *"); continue }
            kept.append(CModuleRenderer.declarator(types[i], name))
            arguments.append(name)
        }
        return Rejection(
            reason: "parameter '\(p)' is a type (a cast or declaration names it), not a value",
            suggestedTypes: kept, suggestedExpression: "\(m.name)(\(arguments.joined(separator: ", ")))")
    }

    /// The index of the `)` closing the header of the last `for`/`while`/`if`/`switch` whose
    /// header ends the body (`... for (i = 0; i < n; i++)`), if there is one.
    private func headerEnd(_ t: [MacroToken]) -> Int? {
        guard let keyword = t.lastIndex(where: { ["for", "while", "if", "switch"].contains($0.spelling) }), keyword + 1 < t.count, t[keyword + 1].spelling == "(" else { return nil }
        // `do { ... } while (0)` is complete.
        if t[keyword].spelling == "while", keyword > 0, t[keyword - 1].spelling == "}" { return nil }
        var level = 0
        for i in (keyword + 1)..<t.count {
            if t[i].spelling == "(" { level += 1 }
            if t[i].spelling == ")" {
                level -= 1
                if level == 0 { return i }
            }
        }
        return nil
    }

    /// The token range of `p` with the parentheses that wrap only it: `( ( p ) )`.
    private func parenthesized(_ t: [MacroToken], _ i: Int) -> (Int, Int) {
        var open = i
        var close = i
        while open > 0, close + 1 < t.count, t[open - 1].spelling == "(", t[close + 1].spelling == ")" {
            // `f(p)` is a call, not parentheses around p.
            if open >= 2, t[open - 2].kind == .identifier { break }
            open -= 1
            close += 1
        }
        return (open, close)
    }

    /// True when `(` at `open` could start a cast: what precedes it is an operator or nothing.
    private func isCastContext(_ t: [MacroToken], _ open: Int) -> Bool {
        open == 0 || t[open - 1].kind == .punctuation && t[open - 1].spelling != ")" && t[open - 1].spelling != "]"
    }

    /// `(uintptr_t)` or `(char *)` ending at `close`: the cast's type, when it is one.
    private func castType(_ t: [MacroToken], endingAt close: Int) -> String? {
        guard t[close].spelling == ")" else { return nil }
        var i = close - 1
        var parts: [String] = []
        while i >= 0, t[i].spelling != "(" {
            guard t[i].kind == .identifier || t[i].kind == .keyword || t[i].spelling == "*" else { return nil }
            parts.insert(t[i].spelling, at: 0)
            i -= 1
        }
        guard i >= 0, !parts.isEmpty else { return nil }
        if parts.count == 1, macros[parts[0]] != nil || functions[parts[0]] != nil { return nil }
        return parts.joined(separator: " ")
    }

    /// When `t[open...close]` is a whole argument of a call to an API function or to another
    /// function-like macro whose parameter there has a known type: that type.
    /// Thrown by `argumentOf` when the callee macro cannot take a value there.
    struct ArgumentRejection: Error { var reason: String }

    private func argumentOf(_ t: [MacroToken], open: Int, close: Int, depth: Int) throws(ArgumentRejection) -> (String, String)? {
        // The enclosing call: walk back to the unmatched `(` and check the argument bounds.
        var level = 0
        var i = open - 1
        var index = 0
        while i >= 0 {
            let s = t[i].spelling
            if s == ")" || s == "]" || s == "}" { level += 1 } else if s == "(" || s == "[" || s == "{" {
                if level == 0 { break }
                level -= 1
            } else if s == ",", level == 0 { index += 1 }
            i -= 1
        }
        guard i >= 1, t[i].spelling == "(", t[i - 1].kind == .identifier else { return nil }
        if open - 1 != i && t[open - 1].spelling != "," { return nil }
        guard close + 1 < t.count, [",", ")"].contains(t[close + 1].spelling) else { return nil }
        let callee = t[i - 1].spelling
        if let f = functions[callee], index < f.parameters.count {
            return (f.parameters[index].spelling, "argument \(index + 1) of \(callee)()")
        }
        if depth < 8, let inner = macros[callee], let innerParameters = inner.parameters, index < innerParameters.count {
            // `_CONCAT(_, f)`: the callee pastes or stringizes that very parameter.
            let q = innerParameters[index]
            let it = inner.tokens
            for k in it.indices where it[k].spelling == q {
                if k > 0, it[k - 1].spelling == "#" { throw ArgumentRejection(reason: "\(callee), which stringizes parameter '\(q)' (`#\(q)`): it takes source text, not a value") }
                if k > 0 && it[k - 1].spelling == "##" || k + 1 < it.count && it[k + 1].spelling == "##" {
                    throw ArgumentRejection(reason: "\(callee), which pastes tokens with parameter '\(q)' (`##`): it takes source text, not a value")
                }
            }
            let analysis: Result
            do { analysis = try analyze(inner, depth: depth + 1) } catch {
                // `CNE_TAILQ_CAST(x, struct_name)` uses its parameter as a tag: so does the caller.
                if error.reason.contains("parameter '\(innerParameters[index])'") { throw ArgumentRejection(reason: "\(callee), which \(error.reason)") }
                return nil
            }
            switch analysis.evidence[index] {
            case .fixed(let c, _): return (c, "argument \(index + 1) of \(callee)")
            case .record(let r, _): return ("\(r) *", "argument \(index + 1) of \(callee)")
            case .typeArgument: return (Self.typeArgument, "the type of a cast in \(callee), instantiated as void *")
            case .value: return nil
            }
        }
        return nil
    }

    /// The one record with every member in `fields`; ties go to the record whose name shares
    /// the longest prefix with the macro's.
    private func record(with fields: Set<String>, for m: Macro, parameter p: String) throws(Rejection) -> String {
        let candidates = model.records.filter { r in fields.isSubset(of: Set(r.fields.map(\.name))) }
        guard !candidates.isEmpty else {
            throw Rejection(reason: "parameter '\(p)' is a pointer to a record with `\(fields.sorted().joined(separator: "`, `"))`, and no record of the API has them all")
        }
        func spelling(_ r: Record) -> String { r.typedefNames.first ?? r.cSpelling }
        func score(_ r: Record) -> Int {
            ([r.name] + r.typedefNames).map { commonPrefix($0.lowercased(), m.name.lowercased()) }.max() ?? 0
        }
        let best = candidates.map(score).max() ?? 0
        let top = candidates.filter { score($0) == best }
        guard top.count == 1 || best >= 3 && Set(top.map(spelling)).count == 1 else {
            throw Rejection(
                reason: "parameter '\(p)' is a pointer to a record with `\(fields.sorted().joined(separator: "`, `"))`, which \(top.count) records have (\(top.prefix(4).map(spelling).joined(separator: ", ")))",
                suggestedTypes: nil)
        }
        return spelling(top[0])
    }

    private func commonPrefix(_ a: String, _ b: String) -> Int {
        zip(a, b).prefix { $0 == $1 }.count
    }
}
