import Foundation
internal import CClang

/// Instantiates function-like macros in a generated translation unit and reads back what
/// clang made of each instantiation: whether it compiles cleanly (`-Wall -Wextra`), the type
/// of the expansion, and whether it calls functions or follows loaded pointers.
///
/// Each instantiation is one line, `static inline void __cne_bindgen_fm_N(T0 a, T1 b) { M(a, b); }`,
/// isolated from the others (`IsolatedParse`), so one macro's fatal error costs only itself.
enum FunctionMacroProbe {
    static let prefix = "__cne_bindgen_fm_"
    /// Instantiations with the generated test's values as literals.
    static let literalPrefix = "__cne_bindgen_fl_"
    /// Instantiations of `for` headers, and the loop variable they declare.
    static let forEachPrefix = "__cne_bindgen_fe_"
    static let loopVariable = "__cne_bindgen_v"
    /// Instantiations with null pointers and the test's values as literals.
    static let nullPrefix = "__cne_bindgen_fn_"

    /// Extra warnings an instantiation must compile without (what the C code of the project
    /// is held to), minus those a probe triggers by construction. `-Wfloat-conversion` rejects a
    /// floating instantiation that converts its operand to an integer implicitly (a store to
    /// an integer member, an integer builtin): undefined outside the integer's range, and not
    /// what the overload's type promises.
    static let warningArguments = [
        "-Wall", "-Wextra", "-Wno-unused-value", "-Wno-unused-parameter", "-Wno-unused-function", "-Wno-unused-variable", "-Wno-unused-but-set-variable", "-Wvla",
        "-Wfloat-conversion",
    ]

    /// Probes `macros` (function-like, with their analyses) and returns what was bridged and
    /// why the rest was not.
    static func run(
        _ macros: [Macro], analysis: MacroBodyAnalysis, mainFile: String, includes: [String], arguments: [String], base: String,
        isAPIFile: @escaping (String) -> Bool
    ) throws(BindgenFailure) -> (inferred: [InferredMacroFunction], failures: [MacroInferenceFailure], supportHeaders: [String]) {
        var failures: [MacroInferenceFailure] = []
        var probes: [(key: String, text: String)] = []
        var forEach: [String: (shape: MacroBodyAnalysis.ForEachShape, result: MacroBodyAnalysis.Result)] = [:]
        var analyses: [String: MacroBodyAnalysis.Result] = [:]
        var names: [String: [String]] = [:]
        for m in macros {
            switch analysis.analyze(m) {
            case .failure(let rejection):
                // A `for` header: the loop variable's type is that of its initializer (without
                // its qualifiers: `__auto_type`, a probe that never runs), whose
                // other parameters are analysed like a macro of their own.
                if let shape = rejection.forEach,
                    case .success(let result) = analysis.analyze(Macro(name: m.name, parameters: shape.inputs, tokens: shape.initializer, location: m.location)),
                    result.groups.count == 1
                {
                    forEach[m.name] = (shape, result)
                    for (a, types) in result.groups[0].alternatives.enumerated() where !types.contains(MacroBodyAnalysis.typeArgument) {
                        let declarations = declarationsOf(types, shape.inputs)
                        var arguments = shape.inputs
                        arguments.insert(loopVariable, at: shape.index)
                        let initializer = shape.initializer.map(\.spelling).joined(separator: " ")
                        probes.append((
                            key: "fe:\(m.name)#\(a)",
                            text: "static inline void \(forEachPrefix)\(m.name)_\(a)(\(declarations.isEmpty ? "void" : declarations.joined(separator: ", "))) { __auto_type \(loopVariable) = \(initializer); \(m.name)(\(arguments.joined(separator: ", "))) (void)\(loopVariable); }"))
                    }
                    continue
                }
                failures.append(MacroInferenceFailure(macro: m, reason: rejection.reason, suggestion: suggestion(m, rejection)))
            case .success(let result):
                analyses[m.name] = result
                let parameterNames = m.parameters!.enumerated().map { i, p in analysis.macros[p] == nil ? p : "arg\(i)" }
                names[m.name] = parameterNames
                for (g, group) in result.groups.enumerated() {
                    for (a, types) in group.alternatives.enumerated() {
                        let declarations = declarationsOf(types, parameterNames)
                        probes.append((
                            key: "\(m.name)#\(g)#\(a)",
                            text: "static inline void \(prefix)\(m.name)_\(g)_\(a)(\(declarations.isEmpty ? "void" : declarations.joined(separator: ", "))) { \(call(m, types, parameterNames)); }"))
                        // The call with null pointers and the test's values: when clang folds it to
                        // a constant, it touches no memory (`vec_len(v)`: `(v) ? ... : 0`).
                        if types.contains(where: { $0.contains("*") && $0 != MacroBodyAnalysis.typeArgument }) {
                            probes.append((
                                key: "null:\(m.name)#\(g)#\(a)",
                                text: "static inline void \(nullPrefix)\(m.name)_\(g)_\(a)(void) { \(literalCall(m, types, parameterNames, nullPointers: true)); }"))
                        }
                        // Subscripts: the same call with the generated test's values as literals,
                        // whose indices clang can then evaluate (`literalSubscriptsInBounds`).
                        if m.tokens.contains(where: { $0.spelling == "[" }) {
                            let pointers = zip(types, parameterNames).filter { $0.0.contains("*") && $0.0 != MacroBodyAnalysis.typeArgument }.map { CModuleRenderer.declarator($0.0, $0.1) }
                            probes.append((
                                key: "lit:\(m.name)#\(g)#\(a)",
                                text: "static inline void \(literalPrefix)\(m.name)_\(g)_\(a)(\(pointers.isEmpty ? "void" : pointers.joined(separator: ", "))) { \(literalCall(m, types, parameterNames)); }"))
                        }
                    }
                }
            }
        }
        guard !probes.isEmpty else { return ([], failures, []) }
        var parse = try IsolatedParse(mainFile: mainFile, prefix: includes, probes: probes, arguments: arguments + warningArguments, base: base)
        // Headers whose macros call a C library function without including its header (json-c's
        // printbuf_memappend_fast uses memcpy; printbuf.h includes no <string.h>): a C caller
        // includes it, so the probes are parsed again with it, and the C module includes it too.
        let supportHeaders = Self.supportHeaders(parse)
        if !supportHeaders.isEmpty {
            parse = try IsolatedParse(mainFile: mainFile, prefix: includes + supportHeaders.map { "#include <\($0)>" }, probes: probes, arguments: arguments + warningArguments, base: base)
        }
        var functionsByName: [String: Cursor] = [:]
        for cursor in parse.unit.cursor.children where cursor.kind == CXCursor_FunctionDecl && (cursor.spelling.hasPrefix(prefix) || cursor.spelling.hasPrefix(literalPrefix) || cursor.spelling.hasPrefix(nullPrefix) || cursor.spelling.hasPrefix(forEachPrefix)) {
            functionsByName[cursor.spelling] = cursor
        }
        let extractor = ModelExtractor(unit: parse.unit, base: base, isAPIFile: isAPIFile)
        let converter = TypeConverter()
        var inferred: [InferredMacroFunction] = []
        for m in macros {
            guard let result = analyses[m.name], let parameterNames = names[m.name] else { continue }
            var firstProblem: String?
            var kept = 0
            for (g, group) in result.groups.enumerated() {
                for (a, types) in group.alternatives.enumerated() {
                    let key = "\(m.name)#\(g)#\(a)"
                    if let problem = parse.error(key) ?? parse.diagnostics[key]?.first(where: { $0.severity == .warning })?.message {
                        firstProblem = firstProblem ?? problem
                        continue
                    }
                    guard let cursor = functionsByName["\(prefix)\(m.name)_\(g)_\(a)"], let body = cursor.children.last, body.kind == CXCursor_CompoundStmt else {
                        firstProblem = firstProblem ?? "clang produced no instantiation"
                        continue
                    }
                    let statements = body.children
                    var returns = CType.void
                    var isStatement = true
                    if statements.count == 1, clang_isExpression(statements[0].kind) != 0 {
                        returns = converter.convert(statements[0].type)
                        // `__typeof__(val)` and other sugar libclang does not expose: the
                        // canonical type (typedef names are lost, the type is the same).
                        if case .unsupported = returns { returns = converter.convert(clang_getCanonicalType(statements[0].type)) }
                        isStatement = false
                    }
                    var function = extractor.function(cursor)
                    // `long` from `__typeof__(a)` with `int64_t a`: the parameter's spelling.
                    if case .builtin = returns, let same = function.parameters.first(where: { $0.type.desugared == returns }) {
                        returns = same.type
                    }
                    guard let returnSpelling = SwiftTypeMapper.cSpelling(returns) else {
                        firstProblem = firstProblem ?? "the expansion's type '\(statements[0].type.spelling)' has no C spelling a function can return (an array, a function or an anonymous type)"
                        continue
                    }
                    let pure = isPure(body, macro: m, analysis: analysis)
                    let subscriptsInBounds = !pure && literalSubscriptsInBounds(parse, key: "lit:" + key, function: functionsByName["\(literalPrefix)\(m.name)_\(g)_\(a)"])
                    let safety = MacroCallSafety(unit: parse.unit, allowsSubscripts: subscriptsInBounds)
                    let blocker = pure ? nil
                        : isPure(body, macro: m, analysis: analysis, allowingCalls: true, allowingSubscripts: subscriptsInBounds) ? safety.blocker(body)
                        : "follows a pointer it loaded, or subscripts memory with an index not known to be in bounds: garbage in the test's scratch memory"
                    function.name = m.name
                    function.returns = returns
                    function.kind = .shim
                    function.location = m.location
                    inferred.append(InferredMacroFunction(
                        macro: m, suffix: group.suffix, function: function, returnSpelling: returnSpelling,
                        parameterDeclarations: declarationsOf(types, parameterNames),
                        callExpression: types.contains(MacroBodyAnalysis.typeArgument) ? call(m, types, parameterNames) : nil,
                        isStatement: isStatement, isPure: pure, callBlocker: blocker,
                        foldsWithNullPointers: blocker != nil && foldsToConstant(parse, key: "null:" + key, function: functionsByName["\(nullPrefix)\(m.name)_\(g)_\(a)"]),
                        resultBytes: isStatement ? nil : RecordBytes.of(statements[0].type),
                        evidence: result.explanation))
                    kept += 1
                    break
                }
            }
            if kept == 0 {
                var rejection = MacroBodyAnalysis.Rejection(reason: "", suggestedTypes: analysis.suggestedTypes(result.evidence))
                let tried = result.explanation.isEmpty ? "" : " (\(result.explanation))"
                rejection.reason = "clang rejects every instantiation\(tried): \(firstProblem ?? "no instantiation")"
                failures.append(MacroInferenceFailure(macro: m, reason: rejection.reason, suggestion: suggestion(m, rejection)))
            }
        }
        for (name, (shape, result)) in forEach.sorted(by: { $0.key < $1.key }) {
            guard let m = macros.first(where: { $0.name == name }) else { continue }
            var firstProblem: String?
            var done = false
            for (a, types) in result.groups[0].alternatives.enumerated() where !done {
                let key = "fe:\(name)#\(a)"
                if let problem = parse.error(key) ?? parse.diagnostics[key]?.first(where: { $0.severity == .warning })?.message {
                    firstProblem = firstProblem ?? problem
                    continue
                }
                guard let cursor = functionsByName["\(forEachPrefix)\(name)_\(a)"], let body = cursor.children.last,
                    let variable = body.descendants.first(where: { $0.kind == CXCursor_VarDecl && $0.spelling == loopVariable })
                else { continue }
                var element = converter.convert(variable.type)
                if case .unsupported = element { element = converter.convert(clang_getCanonicalType(variable.type)) }
                guard let spelling = SwiftTypeMapper.cSpelling(element) else {
                    firstProblem = firstProblem ?? "the loop variable's type '\(variable.type.spelling)' has no C spelling"
                    continue
                }
                var function = extractor.function(cursor)
                let callback = CType.pointer(.function(returns: .void, parameters: [element, .pointer(.void, pointeeConst: false)], variadic: false), pointeeConst: false)
                function.parameters += [
                    Parameter(name: "body", type: callback, spelling: "void (*)(\(spelling), void *)"),
                    Parameter(name: "context", type: .pointer(.void, pointeeConst: false), spelling: "void *"),
                ]
                function.name = name
                function.returns = .void
                function.kind = .shim
                function.location = m.location
                var arguments = shape.inputs
                arguments.insert(loopVariable, at: shape.index)
                let initializer = shape.initializer.map(\.spelling).joined(separator: " ")
                inferred.append(InferredMacroFunction(
                    macro: m, suffix: "", function: function, returnSpelling: "void",
                    parameterDeclarations: declarationsOf(types, shape.inputs) + ["void (*body)(\(spelling), void *)", "void *context"],
                    callExpression: "\(CModuleRenderer.declarator(spelling, loopVariable)); \(name)(\(arguments.joined(separator: ", "))) body(\(loopVariable), context)",
                    isStatement: true, isPure: false,
                    callBlocker: "is a `for` loop over what `\(initializer)` gives (objects the library made): a test would need them",
                    evidence: "a `for` header; \(shape.variable): \(spelling) (the type of `\(initializer)`), the closure's argument for each iteration" + (result.explanation.isEmpty ? "" : "; " + result.explanation),
                    forEachElement: element))
                done = true
            }
            if !done {
                failures.append(MacroInferenceFailure(
                    macro: m, reason: "a `for` header (`for (\(shape.variable) = ...`), as a function taking a closure: clang rejects it: \(firstProblem ?? "no instantiation")", suggestion: nil))
            }
        }
        return (inferred, failures, supportHeaders)
    }

    /// The standard header declaring each C library function clang may declare implicitly.
    static let standardHeaders: [String: String] = [
        "memcpy": "string.h", "memmove": "string.h", "memset": "string.h", "memcmp": "string.h", "strlen": "string.h",
        "strcmp": "string.h", "strncmp": "string.h", "strcpy": "string.h", "strncpy": "string.h", "strchr": "string.h",
        "malloc": "stdlib.h", "calloc": "stdlib.h", "realloc": "stdlib.h", "free": "stdlib.h", "abort": "stdlib.h",
        "abs": "stdlib.h", "labs": "stdlib.h", "printf": "stdio.h", "fprintf": "stdio.h", "snprintf": "stdio.h",
    ]

    /// Standard headers the probes need: clang's "implicitly declaring library function 'f'".
    private static func supportHeaders(_ parse: IsolatedParse) -> [String] {
        var headers: Set<String> = []
        for message in parse.diagnostics.values.joined().map(\.message) {
            guard let range = message.range(of: "implicitly declaring library function '") else { continue }
            let name = message[range.upperBound...].prefix { $0 != "'" }
            if let header = standardHeaders[String(name)] { headers.insert(header) }
        }
        return headers.sorted()
    }

    /// The C parameter declarations of an instantiation (type arguments are none).
    static func declarationsOf(_ types: [String], _ names: [String]) -> [String] {
        zip(types, names).filter { $0.0 != MacroBodyAnalysis.typeArgument }.map { CModuleRenderer.declarator($0, $1) }
    }

    /// `M(p, ((uint32_t)6), void *)`: the call a generated test makes, its values as literals
    /// (`MacroFunctionTestRenderer.testValues`, by the function's parameter index).
    static func literalCall(_ m: Macro, _ types: [String], _ names: [String], nullPointers: Bool = false) -> String {
        var index = 0
        var arguments: [String] = []
        for (type, name) in zip(types, names) {
            if type == MacroBodyAnalysis.typeArgument { arguments.append("void *"); continue }
            let values = MacroFunctionTestRenderer.testValues
            arguments.append(type.contains("*") ? (nullPointers ? "((\(type))0)" : name) : "((\(type))\(values[index % values.count]))")
            index += 1
        }
        return "\(m.name)(\(arguments.joined(separator: ", ")))"
    }

    /// True when the literal instantiation compiled cleanly and each subscript in it indexes an
    /// array of known size (a member array, a global table; not a pointer) with an index clang
    /// evaluates to a constant within it: the generated test's call stays in bounds.
    static func literalSubscriptsInBounds(_ parse: IsolatedParse, key: String, function: Cursor?) -> Bool {
        guard let function, parse.error(key) == nil, parse.diagnostics[key]?.isEmpty ?? true, let body = function.children.last else { return false }
        var found = false
        for c in body.descendants where c.kind == CXCursor_ArraySubscriptExpr {
            let parts = c.children
            guard parts.count == 2 else { return false }
            var base = parts[0]
            // The array-to-pointer decay is an implicit cast around the array.
            while base.kind == CXCursor_UnexposedExpr || base.kind == CXCursor_ParenExpr, clang_getCanonicalType(base.type).kind == CXType_Pointer, let inner = base.children.first { base = inner }
            let array = clang_getCanonicalType(base.type)
            guard array.kind == CXType_ConstantArray, let result = clang_Cursor_Evaluate(parts[1].raw) else { return false }
            defer { clang_EvalResult_dispose(result) }
            guard clang_EvalResult_getKind(result) == CXEval_Int else { return false }
            let index = clang_EvalResult_getAsLongLong(result)
            guard index >= 0, index < clang_getArraySize(array) else { return false }
            found = true
        }
        return found
    }

    /// True when the null-pointer instantiation compiled cleanly and is one expression clang
    /// folds to a constant: calling the macro with null pointers and the test's values reads
    /// and writes no memory and calls nothing.
    static func foldsToConstant(_ parse: IsolatedParse, key: String, function: Cursor?) -> Bool {
        guard let function, parse.error(key) == nil, parse.diagnostics[key]?.isEmpty ?? true, let body = function.children.last else { return false }
        let statements = body.children
        guard statements.count == 1, clang_isExpression(statements[0].kind) != 0, let result = clang_Cursor_Evaluate(statements[0].raw) else { return false }
        defer { clang_EvalResult_dispose(result) }
        return clang_EvalResult_getKind(result) == CXEval_Int
    }

    /// `M(a, void *, b)`: the macro called with the parameters, `void *` for type arguments.
    static func call(_ m: Macro, _ types: [String], _ names: [String]) -> String {
        "\(m.name)(\(zip(types, names).map { $0.0 == MacroBodyAnalysis.typeArgument ? "void *" : $0.1 }.joined(separator: ", ")))"
    }

    /// True when the instantiation calls no function (builtins aside), subscripts nothing and
    /// follows no pointer other than its parameters, so calling it on patterned scratch memory
    /// cannot crash. `allowingCalls`: the same, calls aside (`MacroCallSafety` judges those).
    static func isPure(_ body: Cursor, macro: Macro, analysis: MacroBodyAnalysis, allowingCalls: Bool = false, allowingSubscripts: Bool = false) -> Bool {
        for c in body.descendants {
            switch c.kind {
            case CXCursor_CallExpr:
                if allowingCalls { continue }
                let callee = Cursor(clang_getCursorReferenced(c.raw))
                if callee.isNull || !callee.spelling.hasPrefix("__builtin") { return false }
            case CXCursor_ArraySubscriptExpr:
                if !allowingSubscripts { return false }
            case CXCursor_MemberRefExpr:
                guard var base = c.children.first else { continue }
                while [CXCursor_UnexposedExpr, CXCursor_ParenExpr].contains(base.kind), let inner = base.children.first { base = inner }
                if clang_getCanonicalType(base.type).kind == CXType_Pointer, base.kind != CXCursor_DeclRefExpr { return false }
                // With calls, a local may hold a pointer a header function loaded or computed
                // (`({ T *q = next_of(p); q->len; })`): only parameters are known to be scratch.
                if allowingCalls, clang_getCanonicalType(base.type).kind == CXType_Pointer, Cursor(clang_getCursorReferenced(base.raw)).kind != CXCursor_ParmDecl { return false }
            default:
                continue
            }
        }
        // A unary `*` in the body or in a macro it uses.
        var seen: Set<String> = []
        var pending = [macro]
        while let m = pending.popLast() {
            guard seen.insert(m.name).inserted else { continue }
            let t = m.tokens
            for i in t.indices where t[i].spelling == "*" {
                let prev = i > 0 ? t[i - 1] : nil
                if prev == nil || prev!.kind == .punctuation && ![")", "]"].contains(prev!.spelling) { return false }
            }
            pending += t.compactMap { analysis.macros[$0.spelling] }
        }
        return true
    }

    /// The entry `cne-bindgen suggest` prints for a macro that was not bridged.
    static func suggestion(_ m: Macro, _ rejection: MacroBodyAnalysis.Rejection) -> FunctionMacroConfig? {
        guard let parameters = m.parameters, let types = rejection.suggestedTypes else { return nil }
        if let expression = rejection.suggestedExpression {
            return FunctionMacroConfig(name: m.name, returns: "void *", parameters: types, expression: expression)
        }
        let declarations = zip(types, parameters).map { CModuleRenderer.declarator($0, $1) }
        return FunctionMacroConfig(name: m.name, returns: "int", parameters: declarations)
    }
}
