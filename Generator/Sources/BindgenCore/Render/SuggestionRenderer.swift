/// Renders what `cne-bindgen suggest` prints: a `functionMacros` entry, ready to paste into
/// the config, for each function-like macro that was not bridged, with the reason as a
/// comment (the config reader accepts comments). Types that nothing in the headers fixed are
/// `int`; review each entry before pasting it. Then a `testValues` skeleton for the macros that
/// are bridged but only referenced by the generated tests, one entry per parameter type they
/// lack, its `value` left empty (an error until filled in with a C expression).
public enum SuggestionRenderer {
    /// The line that starts the `testValues` skeleton, after the `functionMacros` entries.
    public static let testValuesHeading = "// testValues:"

    /// The text: `functionMacros` entries first, then the macros no entry can bridge, then
    /// (after `testValuesHeading`) the `testValues` entries the referenced-only macros lack.
    public static func render(_ plan: GenerationPlan) -> String {
        let failures = plan.macroInferenceFailures.sorted { $0.macro.name < $1.macro.name }
        var w = TextWriter()
        let counts = MacroCounts(plan)
        w.line("// cne-bindgen suggest: \(counts.bridged) of \(counts.total) function-like macros are usable from Swift already.")
        let entries = failures.filter { $0.suggestion != nil }
        w.line("// \(entries.count) entries for \"functionMacros\" (check the types marked by nothing but a guess):")
        for (i, f) in entries.enumerated() {
            let s = f.suggestion!
            w.line("// \(f.macro.name) (\(f.macro.location)): \(f.reason)")
            var fields = ["\"name\": \(json(s.name))", "\"returns\": \(json(s.returns))", "\"parameters\": [\(s.parameters.map(json).joined(separator: ", "))]"]
            if let e = s.expression { fields.append("\"expression\": \(json(e))") }
            w.line("{\(fields.joined(separator: ", "))}\(i == entries.count - 1 ? "" : ",")")
        }
        let hopeless = failures.filter { $0.suggestion == nil }
        if !hopeless.isEmpty {
            w.line()
            w.line("// \(hopeless.count) macros cannot be functions:")
            for f in hopeless { w.line("// \(f.macro.name) (\(f.macro.location)): \(f.reason)") }
        }
        testValueSkeleton(plan, into: &w)
        return w.text
    }

    /// The parameter types the referenced-only macros need a `testValues` entry for, with the
    /// macros needing each; only macros a configured call would test (a result to compare).
    static func testValueSkeleton(_ plan: GenerationPlan, into w: inout TextWriter) {
        let mapper = plan.swiftTypeMapper
        var macrosByType: [String: Set<String>] = [:]
        for shim in MacroFunctionTestRenderer.inferred(plan) where MacroFunctionTestRenderer.call(shim, plan: plan, mapper: mapper) == nil {
            for p in MacroFunctionTestRenderer.parametersLackingTestValues(shim, plan, mapper: mapper) ?? [] {
                // An integer's type says little about its meaning (an lport id, a length): by name.
                let key = if case .builtin = p.type.desugared { "parameter \(p.name)" } else { TestValueConfig.normalized(p.spelling) }
                macrosByType[key, default: []].insert(shim.config.name)
            }
        }
        guard !macrosByType.isEmpty else { return }
        let count = Set(macrosByType.values.joined()).count
        w.line()
        w.line(testValuesHeading)
        w.line("// \(count) macros are bridged but only referenced by the generated tests; \"testValues\" entries")
        w.line("// would have them called on the library's objects (fill in each value, a C expression, and add")
        w.line("// \"release\": \"f\" when f must free it):")
        let types = macrosByType.keys.sorted()
        for (i, type) in types.enumerated() {
            let macros = macrosByType[type]!.sorted()
            let shown = macros.prefix(6).joined(separator: ", ") + (macros.count > 6 ? ", ... (\(macros.count))" : "")
            w.line("// \(type): \(shown)")
            let comma = i == types.count - 1 ? "" : ","
            if type.hasPrefix("parameter ") {
                let name = String(type.dropFirst("parameter ".count))
                w.line("{\"parameter\": \(json(name)), \"macros\": [\(macros.map(json).joined(separator: ", "))], \"value\": \"\"}\(comma)")
            } else {
                w.line("{\"type\": \(json(type)), \"value\": \"\"}\(comma)")
            }
        }
    }

    private static func json(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }
}
