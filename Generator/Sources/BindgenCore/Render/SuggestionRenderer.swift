/// Renders what `cne-bindgen suggest` prints: a `functionMacros` entry, ready to paste into
/// the config, for each function-like macro that was not bridged, with the reason as a
/// comment (the config reader accepts comments). Types that nothing in the headers fixed are
/// `int`; review each entry before pasting it.
public enum SuggestionRenderer {
    /// The text: entries first, then the macros no entry can bridge.
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
        return w.text
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
