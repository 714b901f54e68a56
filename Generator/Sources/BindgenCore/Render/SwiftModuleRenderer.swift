/// Renders the Swift module: the re-export, the record views, the macro constants and the
/// wrappers of bridged function-like macros.
enum SwiftModuleRenderer {
    static func render(_ plan: GenerationPlan) -> [GeneratedFile] {
        var files = [GeneratedFile(root: .swiftModule, path: "\(plan.config.swiftModuleName).swift", contents: reexport(plan))]
        for view in plan.views {
            files.append(GeneratedFile(root: .swiftModule, path: "\(view.name).swift", contents: ViewRenderer.render(view, plan: plan)))
        }
        if !plan.constants.isEmpty {
            files.append(GeneratedFile(root: .swiftModule, path: "MacroConstants.swift", contents: constants(plan)))
        }
        if !plan.families.isEmpty { files.append(FamilyRenderer.render(plan)) }
        if plan.macroShims.contains(where: { $0.swiftReturn != nil }) {
            files.append(GeneratedFile(root: .swiftModule, path: "MacroFunctions.swift", contents: macroFunctions(plan)))
        }
        return files
    }

    static func reexport(_ plan: GenerationPlan) -> String {
        var w = TextWriter()
        w.line(Banner.swift(plan))
        w.line()
        w.line("/// The C API as Swift imports it, plus what the importer drops (see SKIPPED.md).")
        w.line("@_exported import \(plan.config.cModuleName)")
        return w.text
    }

    static func constants(_ plan: GenerationPlan) -> String {
        var w = TextWriter()
        w.line(Banner.swift(plan))
        w.line()
        w.line("import \(plan.config.cModuleName)")
        for c in plan.constants {
            w.line()
            w.line("/// `#define \(c.macro.name) \(c.macro.body)` (\(c.macro.location.file):\(c.macro.location.line)), as clang evaluates it.")
            if let reason = c.shadowReason {
                w.line("///")
                w.line("/// Declared here because \(reason); this declaration shadows both for importers of")
                w.line("/// `\(plan.config.swiftModuleName)`.")
            } else if c.shadowsImport {
                w.line("///")
                w.line("/// The importer imports this macro too, but its import does not compile when used (a")
                w.line("/// negative literal in an unsigned type); this declaration shadows it for importers of")
                w.line("/// `\(plan.config.swiftModuleName)`.")
            }
            if case .pointer? = c.macro.value {
                // Pointers are not Sendable: a global `let` of one does not compile in Swift 6.
                w.line("@inlinable public var \(c.macro.name): \(c.swiftType) { \(c.literal) }")
            } else {
                w.line("public let \(c.macro.name): \(c.swiftType) = \(c.literal)")
            }
        }
        return w.text
    }

    static let keywords: Set<String> = ["in", "func", "var", "let", "class", "struct", "protocol", "default", "case", "switch", "repeat", "inout", "is", "as", "self", "Self", "where", "while", "for", "if", "else", "return", "import", "extension", "operator", "throws", "try", "init", "deinit", "subscript", "static", "enum", "internal", "public", "private", "fileprivate", "open", "guard", "defer", "do", "catch", "throw", "nil", "true", "false", "super", "associatedtype", "typealias", "break", "continue", "fallthrough", "any", "some"]

    static func identifier(_ name: String) -> String { keywords.contains(name) ? "`\(name)`" : name }

    static func macroFunctions(_ plan: GenerationPlan) -> String {
        let views = Set(plan.views.map(\.name))
        var w = TextWriter()
        w.line(Banner.swift(plan))
        w.line()
        w.line("import \(plan.config.cModuleName)")
        for shim in plan.macroShims {
            guard let params = shim.swiftParameters, let ret = shim.swiftReturn else { continue }
            let names = CModuleRenderer.argumentNames(shim.function)
            let signature = zip(names, params).map { "_ \(identifier($0)): \($1)" }.joined(separator: ", ")
            let args = zip(names, params).map { views.contains($1) ? "\(identifier($0)).raw" : identifier($0) }.joined(separator: ", ")
            var call = "\(shim.function.name)(\(args))"
            if let view = shim.returnView {
                call = shim.config.returnsNonnull ? "\(view)(\(call)!)" : "\(call).map { \(view)($0) }"
            } else if shim.config.returnsNonnull && ret != "Void" {
                call += "!"
            }
            w.line()
            w.line("/// The C macro `\(shim.config.name)`, through the exported shim `\(shim.function.name)`.")
            if let inferred = shim.inferred {
                w.line("///")
                w.line("/// `#define \(shim.config.name)(\(inferred.macro.parameters!.joined(separator: ", "))) \(inferred.macro.body.replacingOccurrences(of: "\n", with: " "))` (\(inferred.macro.location.file):\(inferred.macro.location.line)),")
                w.line("/// instantiated as `\(CModuleRenderer.declarator(shim.config.returns, shim.function.name))(\(shim.config.parameters.joined(separator: ", ")))`; inferred: \(inferred.evidence).")
            }
            if let element = shim.closureElement {
                // A `for` header: the shim runs the loop and calls back through a C function
                // pointer with the closure as its context (not escaping: the call is synchronous).
                let inputs = Array(zip(names, params).dropLast())
                let closure = "(\(element)) -> Void"
                let signature = (inputs.map { "_ \(identifier($0.0)): \($0.1)" } + ["_ body: \(closure)"]).joined(separator: ", ")
                let args = inputs.map { views.contains($0.1) ? "\(identifier($0.0)).raw" : identifier($0.0) }
                w.line("/// `body` is called with each value of the loop variable, in the loop's order.")
                w.block("@inlinable public func \(shim.config.name)(\(signature)) {") { w in
                    w.block("withoutActuallyEscaping(body) { body in") { w in
                        w.line("var body = body")
                        w.block("withUnsafeMutablePointer(to: &body) { context in") { w in
                            w.line("\(shim.function.name)(\((args + ["{ value, context in context!.assumingMemoryBound(to: (\(closure)).self).pointee(value) }", "context"]).joined(separator: ", ")))")
                        }
                    }
                }
                continue
            }
            w.block("@inlinable public func \(shim.config.name)(\(signature))\(ret == "Void" ? "" : " -> \(ret)") {") { w in
                w.line(call)
            }
        }
        return w.text
    }
}
