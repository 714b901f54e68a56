import Foundation

/// What the Swift importer (ClangImporter) does with a C declaration, predicted from its
/// documented rules, so the generator emits exactly the gaps and never a clashing name.
enum ImporterModel {
    /// Records aligned beyond this many bytes are dropped by the importer.
    static let maximumImportedAlignment = 16

    /// True when the importer drops the record (and turns pointers to it into `OpaquePointer`).
    static func dropsRecord(_ record: Record) -> Bool { record.alignment > maximumImportedAlignment }

    private static let binaryOperators: Set<String> = [
        "+", "-", "*", "/", "%", "<<", ">>", "&", "|", "^", "&&", "||", "==", "!=", "<", ">", "<=", ">=",
    ]

    /// True when the importer turns the object-like macro into a constant: a literal, a signed
    /// literal, a cast of one, an alias of an imported macro, or one binary operation on those.
    ///
    /// A cast to a pointer type is not imported (`((sqlite3_destructor_type)-1)`, `(void *)-1`):
    /// the importer only imports casts to integer and floating-point types. `pointerTypedefs`
    /// names the typedefs that stand for pointers.
    static func importsMacro(_ macro: Macro, in macros: [String: Macro], pointerTypedefs: Set<String> = [], depth: Int = 0) -> Bool {
        guard macro.parameters == nil, depth < 16 else { return false }
        var tokens = macro.tokens
        while tokens.count >= 2, tokens.first?.spelling == "(", tokens.last?.spelling == ")", balancedInside(tokens) {
            tokens = Array(tokens.dropFirst().dropLast())
        }
        func isOperand(_ ts: ArraySlice<MacroToken>) -> Bool {
            let ts = Array(ts)
            if ts.count == 1 {
                let t = ts[0]
                if t.kind == .literal { return true }
                // A constant macro from a system header (UINT16_MAX, INT64_MAX through
                // __INT64_C): the importer resolves it, whatever its definition.
                if t.kind == .identifier, systemConstant(t.spelling) { return true }
                // An alias of another macro, of the API or of another header (`#define
                // LPORT_DATA_HEADROOM XDP_PACKET_HEADROOM`): imported when that one is.
                if t.kind == .identifier, let target = macros[t.spelling], target.name != macro.name {
                    return importsMacro(target, in: macros, pointerTypedefs: pointerTypedefs, depth: depth + 1)
                }
                return false
            }
            if ts.count == 2, ["-", "~", "+"].contains(ts[0].spelling), ts[1].kind == .literal { return true }
            return false
        }
        if isOperand(tokens[...]) { return true }
        // (type) literal
        if tokens.first?.spelling == "(", let close = tokens.firstIndex(where: { $0.spelling == ")" }), close > 1,
            tokens[1..<close].allSatisfy({ $0.kind == .identifier || $0.kind == .keyword || $0.spelling == "*" }),
            tokens[1..<close].contains(where: { $0.spelling != "*" }), isOperand(tokens[(close + 1)...]) {
            return !tokens[1..<close].contains { $0.spelling == "*" || pointerTypedefs.contains($0.spelling) }
        }
        for split in tokens.indices where binaryOperators.contains(tokens[split].spelling) && tokens[split].kind == .punctuation {
            if split > 0, isOperand(tokens[..<split]), isOperand(tokens[(split + 1)...]) { return true }
        }
        return false
    }

    /// The typedefs of `model` that stand for data or function pointers.
    static func pointerTypedefs(_ model: APIModel) -> Set<String> {
        Set(model.typedefs.filter { if case .pointer = $0.underlying.desugared { true } else { false } }.map(\.name))
    }

    /// True when the importer imports the macro but the import fails on use: a negative
    /// literal cast to an unsigned type (`((cne_iova_t)-1)`: "integer literal '-1' overflows
    /// when stored into unsigned 'Builtin.Int64'").
    static func breaksOnUse(_ macro: Macro) -> Bool {
        guard case .integer(_, _, let type)? = macro.value, case .builtin(let b) = type.desugared, b.isInteger, !b.isSigned else { return false }
        let tokens = macro.tokens
        return tokens.indices.dropLast().contains { i in
            tokens[i].spelling == "-" && tokens[i + 1].kind == .literal && (i == 0 || tokens[i - 1].spelling == ")" || tokens[i - 1].spelling == "(")
        }
    }

    /// True for names of the C library's integer-limit macros, which the importer imports.
    static func systemConstant(_ name: String) -> Bool {
        name.range(of: #"^(U?INT(8|16|32|64|PTR|MAX)?_(MAX|MIN)|SIZE_MAX|CHAR_BIT|[SU]?CHAR_(MAX|MIN)|U?(SHRT|INT|LONG|LLONG)_(MAX|MIN))$"#, options: .regularExpression) != nil
    }

    private static func balancedInside(_ tokens: [MacroToken]) -> Bool {
        var depth = 0
        for (i, t) in tokens.enumerated() {
            if t.spelling == "(" { depth += 1 }
            if t.spelling == ")" { depth -= 1 }
            if depth == 0 && i < tokens.count - 1 { return false }
        }
        return depth == 0
    }
}
