import Foundation
internal import CClang

/// What parsing the configured headers produced.
public struct ParsedAPI: Sendable {
    /// The API model, macro values included.
    public var model: APIModel
    /// The shim prototypes for configured function-like macros, as clang understood them.
    public var macroShims: [Function]
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

        // Pass 2: shim prototypes, then one constant per object-like macro.
        var lines = includes.split(separator: "\n").map(String.init)
        var shimLines: [Int: FunctionMacroConfig] = [:]
        for shim in config.functionMacros {
            shimLines[lines.count + 1] = shim
            let parameters = shim.parameters.isEmpty ? "void" : shim.parameters.joined(separator: ", ")
            // The prototype, and on the same line a definition that compiles the expression,
            // so an error in either maps back to this entry.
            let arguments = shim.parameters.map { String($0.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" }.reversed()) }
            let expression = shim.expression ?? "\(shim.name)(\(arguments.joined(separator: ", ")))"
            let body = shim.returns.trimmingCharacters(in: .whitespaces) == "void" ? "\(expression);" : "return \(expression);"
            lines.append("\(shim.returns) \(config.shimPrefix)\(shim.name)(\(parameters)); "
                + "static inline \(shim.returns) \(checkPrefix)\(shim.name)(\(parameters)) { \(body) }")
        }
        var macroLines: [Int: String] = [:]
        for macro in model.macros where macro.parameters == nil && !macro.tokens.isEmpty {
            macroLines[lines.count + 1] = macro.name
            // String literals type as char[N], which clang does not evaluate; as a pointer
            // initializer (an array-to-pointer decay of the literal) it does.
            let isString = macro.tokens.allSatisfy { $0.kind == .literal && $0.spelling.hasSuffix("\"") }
            lines.append(isString
                ? "static const char *const \(evaluationPrefix)\(macro.name) = \(macro.name);"
                : "static const __typeof__((\(macro.name))) \(evaluationPrefix)\(macro.name) = (\(macro.name));")
        }
        let evaluation = try TranslationUnit(mainFile: mainFile, source: lines.joined(separator: "\n") + "\n", arguments: arguments)
        var failures: [String: String] = [:]
        var shimErrors: [Diagnostic] = []
        for d in evaluation.diagnostics(relativeTo: config.baseDirectory) where d.severity == .error {
            guard let location = d.location, location.file == ".cne-bindgen-entry.c" else { continue }
            if let name = macroLines[location.line] {
                if failures[name] == nil { failures[name] = d.message }
            } else if let shim = shimLines[location.line] {
                let at = shim.location ?? SourceLocation(file: config.configPath, line: 1, column: 1)
                shimErrors.append(.error("functionMacros entry '\(shim.name)': \(d.message)", at: at))
            }
        }
        if !shimErrors.isEmpty { throw BindgenFailure(shimErrors) }
        var values: [String: MacroValue] = [:]
        let converter = TypeConverter()
        for cursor in evaluation.cursor.children where cursor.kind == CXCursor_VarDecl && cursor.spelling.hasPrefix(evaluationPrefix) {
            let name = String(cursor.spelling.dropFirst(evaluationPrefix.count))
            guard failures[name] == nil else { continue }
            if let value = evaluate(cursor, converter: converter) {
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
        let shimExtractor = ModelExtractor(unit: evaluation, base: config.baseDirectory, isAPIFile: isAPIFile)
        let shims = shimExtractor.mainFileFunctions().filter { !$0.name.hasPrefix(checkPrefix) }.map { f in
            var f = f
            f.kind = .shim
            return f
        }
        return ParsedAPI(model: model, macroShims: shims, diagnostics: parseDiagnostics, clang: clang)
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
