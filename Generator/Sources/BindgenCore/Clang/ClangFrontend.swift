import Foundation
internal import CClang

/// What parsing the configured headers produced.
public struct ParsedAPI: Sendable {
    /// The API model, macro values included.
    public var model: APIModel
    /// The shim prototypes for configured function-like macros, as clang understood them.
    public var macroShims: [Function]
    /// Function-like macros bridged without a configured signature.
    public var inferredMacros: [InferredMacroFunction] = []
    /// Function-like macros that could not be, with the reason.
    public var macroInferenceFailures: [MacroInferenceFailure] = []
    /// Standard headers the API's macros need and its headers do not include (`<string.h>`
    /// for a macro calling memcpy), which the C module includes after the entry headers.
    public var macroSupportHeaders: [String] = []
    /// Warnings and notes from clang.
    public var diagnostics: [Diagnostic]
    /// The libclang that parsed.
    public var clang: ClangInstallation
}

/// The generator's only entry into libclang: parses the entry headers, extracts the model,
/// and has clang evaluate every object-like macro.
public enum ClangFrontend {
    /// The prefix of the variables the evaluation pass declares.
    static let evaluationPrefix = "__cne_bindgen_v_"
    /// The prefix of the functions that compile each function-like macro shim's expression.
    static let checkPrefix = "__cne_bindgen_check_"
    /// The prefix of the variables holding a pointer-valued macro's bits.
    static let pointerPrefix = "__cne_bindgen_p_"

    /// Parses the API the configuration describes. Any clang error fails the run.
    public static func parse(_ config: BindgenConfig) throws(BindgenFailure) -> ParsedAPI {
        let clang = try ClangInstallation.detect()
        let arguments = ["-x", "c", "-std=\(config.cLanguageStandard)", "-resource-dir", clang.resourceDirectory, "-ferror-limit=0"]
            + config.includePaths.map { "-I\($0)" } + config.defines.map { "-D\($0)" } + config.clangArguments
        let mainFile = config.baseDirectory + "/.cne-bindgen-entry.c"
        let includes = config.entryHeaders.map { "#include <\($0)>\n" }.joined()
        let isAPIFile = config.apiFileFilter()

        // Pass 1: the headers alone.
        let unit = try TranslationUnit(mainFile: mainFile, source: includes, arguments: arguments)
        let parseDiagnostics = unit.diagnostics(relativeTo: config.baseDirectory).map { d in
            var d = d
            if d.location?.file == ".cne-bindgen-entry.c" {
                d.message += " (in an entry header of \(config.configPath))"
                d.location = SourceLocation(file: config.configPath, line: 1, column: 1)
            }
            return d
        }
        if parseDiagnostics.contains(where: { $0.severity == .error }) {
            throw BindgenFailure(parseDiagnostics.filter { $0.severity == .error })
        }
        var extractor = ModelExtractor(unit: unit, base: config.baseDirectory, resourceDirectory: clang.resourceDirectory, isAPIFile: isAPIFile)
        var model = extractor.extract()

        // Pass 2: shim prototypes, then one constant per object-like macro, each on its own
        // line so that a fatal error costs only its own line (`IsolatedParse`).
        let prefix = includes.split(separator: "\n").map(String.init)
        var probes: [(key: String, text: String)] = []
        var entryErrors: [Diagnostic] = []
        for shim in config.functionMacros {
            // A misspelt name would only be an implicit-declaration warning in C.
            if !extractor.definedFunctionLikeMacros.contains(shim.name) {
                let at = shim.location ?? SourceLocation(file: config.configPath, line: 1, column: 1)
                entryErrors.append(.error("functionMacros entry '\(shim.name)': the headers define no function-like macro '\(shim.name)'", at: at))
                continue
            }
            let parameters = shim.parameters.isEmpty ? "void" : shim.parameters.joined(separator: ", ")
            // The prototype, and on the same line a definition that compiles the expression,
            // so an error in either maps back to this entry.
            let arguments = shim.parameters.map { String($0.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" }.reversed()) }
            let expression = shim.expression ?? "\(shim.name)(\(arguments.joined(separator: ", ")))"
            let body = shim.returns.trimmingCharacters(in: .whitespaces) == "void" ? "\(expression);" : "return \(expression);"
            probes.append((key: "shim:" + shim.name, text: "\(shim.returns) \(config.shimPrefix)\(shim.name)(\(parameters)); "
                + "static inline \(shim.returns) \(checkPrefix)\(shim.name)(\(parameters)) { \(body) }"))
        }
        if !entryErrors.isEmpty { throw BindgenFailure(entryErrors) }
        for macro in model.macros where macro.parameters == nil && !macro.tokens.isEmpty {
            // String literals type as char[N], which clang does not evaluate; as a pointer
            // initializer (an array-to-pointer decay of the literal) it does.
            let isString = macro.tokens.allSatisfy { $0.kind == .literal && $0.spelling.hasSuffix("\"") }
            probes.append((key: "macro:" + macro.name, text: isString
                ? "static const char *const \(evaluationPrefix)\(macro.name) = \(macro.name);"
                : "static const __typeof__((\(macro.name))) \(evaluationPrefix)\(macro.name) = (\(macro.name));"))
            // A pointer made from an integer is evaluated through uintptr_t.
            if macro.tokens.contains(where: { $0.spelling == "*" }) || macro.tokens.first?.spelling == "(" {
                probes.append((key: "pointer:" + macro.name, text: "static const __UINTPTR_TYPE__ \(pointerPrefix)\(macro.name) = (__UINTPTR_TYPE__)(\(macro.name));"))
            }
        }
        let evaluation = try IsolatedParse(mainFile: mainFile, prefix: prefix, probes: probes, arguments: arguments, base: config.baseDirectory)
        var failures: [String: String] = [:]
        var shimErrors: [Diagnostic] = []
        for (key, diagnostics) in evaluation.diagnostics.sorted(by: { $0.key < $1.key }) {
            if key.hasPrefix("macro:"), let error = evaluation.error(key) {
                failures[String(key.dropFirst(6))] = error
            } else if key.hasPrefix("shim:"), let shim = config.functionMacros.first(where: { "shim:" + $0.name == key }) {
                let at = shim.location ?? SourceLocation(file: config.configPath, line: 1, column: 1)
                // An implicit declaration is an error here: the entry names no macro or function.
                for d in diagnostics where d.severity == .error || d.message.contains("implicit declaration") {
                    shimErrors.append(.error("functionMacros entry '\(shim.name)': \(d.message)", at: at))
                }
            }
        }
        for (key, message) in evaluation.fatal where key.hasPrefix("macro:") {
            failures[String(key.dropFirst(6))] = message
        }
        for (key, message) in evaluation.fatal where key.hasPrefix("shim:") {
            let shim = config.functionMacros.first { "shim:" + $0.name == key }
            shimErrors.append(.error("functionMacros entry '\(key.dropFirst(5))': \(message)", at: shim?.location))
        }
        if !shimErrors.isEmpty { throw BindgenFailure(shimErrors) }
        var values: [String: MacroValue] = [:]
        let converter = TypeConverter()
        var pointerBits: [String: UInt64] = [:]
        for cursor in evaluation.unit.cursor.children where cursor.kind == CXCursor_VarDecl && cursor.spelling.hasPrefix(pointerPrefix) {
            let name = String(cursor.spelling.dropFirst(pointerPrefix.count))
            if evaluation.error("pointer:" + name) == nil, case .integer(_, let u, _)? = evaluate(cursor, converter: converter) { pointerBits[name] = u }
        }
        for cursor in evaluation.unit.cursor.children where cursor.kind == CXCursor_VarDecl && cursor.spelling.hasPrefix(evaluationPrefix) {
            let name = String(cursor.spelling.dropFirst(evaluationPrefix.count))
            guard failures[name] == nil else { continue }
            let canonical = clang_getCanonicalType(cursor.type)
            if canonical.kind == CXType_Pointer, let bits = pointerBits[name], !macroIsString(model, name) {
                values[name] = .pointer(bits: bits, type: converter.convert(canonical))
            } else if let value = evaluate(cursor, converter: converter) {
                values[name] = value
            } else {
                failures[name] = "not a constant clang can evaluate"
            }
        }
        model.macros = model.macros.map { macro in
            var macro = macro
            macro.value = values[macro.name]
            macro.evaluationFailure = macro.parameters == nil ? (macro.tokens.isEmpty ? "empty definition" : failures[macro.name]) : nil
            return macro
        }
        let shimExtractor = ModelExtractor(unit: evaluation.unit, base: config.baseDirectory, isAPIFile: isAPIFile)
        let shims = shimExtractor.mainFileFunctions().filter { !$0.name.hasPrefix(checkPrefix) }.map { f in
            var f = f
            f.kind = .shim
            return f
        }

        // Pass 3: function-like macros without a configured signature, instantiated with
        // inferred parameter types (FunctionMacroProbe).
        let filter = NameFilter(config.filters)
        let configured = Set(config.functionMacros.map(\.name))
        let candidates = model.macros.filter { $0.parameters != nil && !configured.contains($0.name) && filter.rejection(of: $0.name, as: .macros) == nil }
        let (inferred, inferenceFailures, supportHeaders) = try FunctionMacroProbe.run(
            candidates, analysis: MacroBodyAnalysis(model: model), mainFile: mainFile, includes: prefix, arguments: arguments,
            base: config.baseDirectory, isAPIFile: isAPIFile)
        return ParsedAPI(model: model, macroShims: shims, inferredMacros: inferred, macroInferenceFailures: inferenceFailures, macroSupportHeaders: supportHeaders, diagnostics: parseDiagnostics, clang: clang)
    }

    private static func macroIsString(_ model: APIModel, _ name: String) -> Bool {
        model.macros.first { $0.name == name }?.tokens.allSatisfy { $0.kind == .literal } ?? false
    }

    private static func evaluate(_ cursor: Cursor, converter: TypeConverter) -> MacroValue? {
        guard let result = clang_Cursor_Evaluate(cursor.raw) else { return nil }
        defer { clang_EvalResult_dispose(result) }
        let type = converter.convert(clang_getCanonicalType(cursor.type))
        switch clang_EvalResult_getKind(result) {
        case CXEval_Int:
            if clang_EvalResult_isUnsignedInt(result) != 0 {
                let u = clang_EvalResult_getAsUnsigned(result)
                return .integer(signed: Int64(bitPattern: u), unsigned: u, type: type)
            }
            let s = clang_EvalResult_getAsLongLong(result)
            return .integer(signed: s, unsigned: UInt64(bitPattern: s), type: type)
        case CXEval_Float:
            return .floating(clang_EvalResult_getAsDouble(result), type: type)
        case CXEval_StrLiteral:
            guard let c = clang_EvalResult_getAsStr(result) else { return nil }
            return .string(Array(String(cString: c).utf8))
        default:
            return nil
        }
    }
}
