internal import CClang

/// Decides whether a generated test may call a function-like macro's instantiation on the
/// patterned scratch memory of `MacroFunctionTests` (pointer parameters point into it; integer
/// parameters are small), and says why not when it may not.
///
/// A macro that calls no function and follows no loaded pointer is safe by construction
/// (`FunctionMacroProbe.isPure`). Beyond that, a call is safe when every function it calls is
/// defined in the headers (a `static inline` helper such as CNDP's `pktmbuf_adj_offset`) and
/// is itself safe on those arguments: it receives only the macro's own pointer parameters (or
/// null), and it follows, dereferences or subscripts no pointer but its parameters, reassigns
/// none of them, has no loop (garbage bytes could keep one spinning; `do { } while (0)` aside)
/// and no inline assembly but hints (a prefetch, a fence: `HintAssembly`).
/// Code under a constant-false `if (0)` never runs (json-c's `MC_SET_DEBUG`). A function of the
/// library (declared, not defined, in the headers) is not called: it needs objects or
/// identifiers the library made, which scratch memory is not.
struct MacroCallSafety {
    let unit: TranslationUnit
    /// The macro's own subscripts are in bounds for the test's values
    /// (`FunctionMacroProbe.literalSubscriptsInBounds`); those of header functions never count.
    var allowsSubscripts = false
    private static let maxDepth = 6
    /// C library functions of integers only (no pointer, no state): safe on any value.
    private static let arithmeticLibraryFunctions: Set<String> = ["abs", "labs", "llabs", "imaxabs"]

    /// Nil when the instantiation `body` may be called on scratch memory; else the reason.
    func blocker(_ body: Cursor) -> String? {
        var visiting: Set<String> = []
        return walk(body, inCallee: nil, depth: 0, visiting: &visiting)
    }

    /// Walks `cursor`'s children. `inCallee` names the header function being walked (nil for
    /// the probe's own body, whose member accesses `FunctionMacroProbe.isPure` has judged).
    private func walk(_ cursor: Cursor, inCallee: String?, depth: Int, visiting: inout Set<String>) -> String? {
        for c in cursor.children {
            if let reason = check(c, inCallee: inCallee, depth: depth, visiting: &visiting) { return reason }
        }
        return nil
    }

    private func check(_ c: Cursor, inCallee callee: String?, depth: Int, visiting: inout Set<String>) -> String? {
        let place = callee.map { " in `\($0)`" } ?? ""
        switch c.kind {
        case CXCursor_IfStmt:
            let parts = c.children
            if let condition = parts.first, let value = Self.constant(condition) {
                // `if (0) f(x)`: the branch not taken never runs.
                let taken = value != 0 ? parts.dropFirst().prefix(1) : parts.dropFirst(2).prefix(1)
                for part in taken {
                    if let reason = check(part, inCallee: callee, depth: depth, visiting: &visiting) { return reason }
                }
                return nil
            }
        case CXCursor_CallExpr:
            let target = Cursor(clang_getCursorReferenced(c.raw))
            if target.isNull { return "calls through a function pointer\(place)" }
            let name = target.spelling
            let arguments = (0..<max(0, Int(clang_Cursor_getNumArguments(c.raw)))).map { Cursor(clang_Cursor_getArgument(c.raw, UInt32($0))) }
            for argument in arguments {
                if let reason = check(argument, inCallee: callee, depth: depth, visiting: &visiting) { return reason }
            }
            // `__builtin_memcpy(d, s, n)` with a length read from garbage could run off the memory.
            if callee != nil, name.hasPrefix("__builtin_mem") || name.hasPrefix("__builtin_str") { return "calls `\(name)`\(place) with lengths the test cannot bound" }
            if name.hasPrefix("__builtin") || Self.arithmeticLibraryFunctions.contains(name) { return nil }
            let definition = Cursor(clang_getCursorDefinition(target.raw))
            guard !definition.isNull, let body = definition.children.last, body.kind == CXCursor_CompoundStmt else {
                return "calls `\(name)`\(place), a function of the library: it needs objects or identifiers the library made, which the test's scratch memory is not"
            }
            if arguments.contains(where: { clang_getCanonicalType($0.type).kind == CXType_Pointer && !Self.isParameterOrNull($0) }) {
                return "passes a pointer it computed to `\(name)`\(place)"
            }
            if depth >= Self.maxDepth { return "calls header functions nested more than \(Self.maxDepth) deep (`\(name)`)" }
            guard visiting.insert(name).inserted else { return "calls `\(name)` recursively" }
            defer { visiting.remove(name) }
            return walk(body, inCallee: name, depth: depth + 1, visiting: &visiting)
        case CXCursor_GCCAsmStmt where HintAssembly.isHint(unit.writtenTokens(of: c)):
            // A prefetch or a fence: nothing the program sees changes. Its inputs are walked
            // below like any expression (`"m"(*(volatile char *)p)` names `*p`, reads nothing).
            break
        case CXCursor_GCCAsmStmt, CXCursor_AsmStmt, CXCursor_MSAsmStmt:
            return "has inline assembly\(place)"
        case CXCursor_ArraySubscriptExpr:
            if callee != nil || !allowsSubscripts { return "subscripts memory\(place) with an index the test cannot bound" }
        case CXCursor_DoStmt where c.children.last.flatMap(Self.constant) == 0:
            // `do { ... } while (0)`: runs once.
            if let body = c.children.first { return check(body, inCallee: callee, depth: depth, visiting: &visiting) }
            return nil
        case CXCursor_ForStmt, CXCursor_WhileStmt, CXCursor_DoStmt:
            if callee != nil { return "loops\(place): garbage bytes could keep the loop running" }
        case CXCursor_MemberRefExpr:
            if callee != nil, let base = c.children.first, clang_getCanonicalType(base.type).kind == CXType_Pointer, !Self.isParameter(base) {
                return "follows a pointer it loaded or computed\(place) (`->\(c.spelling)`)"
            }
        case CXCursor_UnaryOperator:
            guard callee != nil else { break }
            let tokens = unit.tokens(in: clang_getCursorExtent(c.raw))
            if let first = tokens.first?.spelling, ["++", "--"].contains(first), let operand = c.children.first, Self.isParameter(operand) {
                return "changes its pointer parameter\(place)"
            }
            if tokens.first?.spelling == "*", let operand = c.children.first, !Self.isParameter(operand) {
                return "dereferences a pointer it loaded or computed\(place)"
            }
            if let last = tokens.last?.spelling, ["++", "--"].contains(last), let operand = c.children.first, Self.isParameter(operand) {
                return "changes its pointer parameter\(place)"
            }
        case CXCursor_BinaryOperator, CXCursor_CompoundAssignOperator:
            // `p = p->next`: the parameter would then point at garbage.
            if callee != nil, let lhs = c.children.first, Self.isParameter(lhs) {
                let count = unit.tokens(in: clang_getCursorExtent(lhs.raw)).count
                let tokens = unit.tokens(in: clang_getCursorExtent(c.raw))
                if count < tokens.count, tokens[count].spelling.hasSuffix("="), !["==", "!=", "<=", ">="].contains(tokens[count].spelling) {
                    return "changes its pointer parameter\(place)"
                }
            }
        default:
            break
        }
        return walk(c, inCallee: callee, depth: depth, visiting: &visiting)
    }

    /// `e` without parentheses, casts and implicit conversions.
    private static func stripped(_ e: Cursor) -> Cursor {
        var e = e
        while [CXCursor_UnexposedExpr, CXCursor_ParenExpr, CXCursor_CStyleCastExpr].contains(e.kind), let inner = e.children.last { e = inner }
        return e
    }

    /// True when `e` is a pointer parameter of the function it is in (through casts).
    private static func isParameter(_ e: Cursor) -> Bool {
        let s = stripped(e)
        guard s.kind == CXCursor_DeclRefExpr, clang_getCanonicalType(s.type).kind == CXType_Pointer else { return false }
        return Cursor(clang_getCursorReferenced(s.raw)).kind == CXCursor_ParmDecl
    }

    /// A pointer parameter, or a null pointer constant.
    private static func isParameterOrNull(_ e: Cursor) -> Bool {
        isParameter(e) || constant(stripped(e)) == 0
    }

    /// The integer value of a constant expression.
    private static func constant(_ e: Cursor) -> Int64? {
        guard clang_isExpression(e.kind) != 0, let result = clang_Cursor_Evaluate(e.raw) else { return nil }
        defer { clang_EvalResult_dispose(result) }
        guard clang_EvalResult_getKind(result) == CXEval_Int else { return nil }
        return clang_EvalResult_getAsLongLong(result)
    }
}
