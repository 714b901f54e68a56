/// Renders `include/<C>.apinotes`: the blocklisted declarations marked `nonswift`, so Swift
/// rejects a use of one at compile time ("is unavailable in Swift: blocked by ...") while C
/// code (shims.c, the library's own inline functions) still compiles against them.
///
/// API notes apply to the declarations the C module owns: the headers its umbrella includes
/// that no other Clang module claims (a library's own headers, as installed). Declarations of
/// a header that belongs to another module are that module's to annotate.
enum APINotesRenderer {
    static func render(_ plan: GenerationPlan) -> [GeneratedFile] {
        let blocked = plan.blocked
        guard !blocked.functions.isEmpty || !blocked.variables.isEmpty || !blocked.tags.isEmpty
            || !blocked.typedefs.isEmpty || !blocked.enumerators.isEmpty else { return [] }
        let config = plan.config.configPath.split(separator: "/").suffix(2).joined(separator: "/")
        let message = "blocked by \(config)"
        var w = TextWriter()
        w.line("# \(Banner.text(plan))")
        w.line("Name: \(plan.config.cModuleName)")
        for (key, names) in [("Functions", blocked.functions), ("Globals", blocked.variables), ("Tags", blocked.tags), ("Typedefs", blocked.typedefs), ("Enumerators", blocked.enumerators)] where !names.isEmpty {
            w.line("\(key):")
            for name in names {
                w.line("  - Name: \(name)")
                w.line("    Availability: nonswift")
                w.line("    AvailabilityMsg: \"\(message)\"")
            }
        }
        return [GeneratedFile(root: .cModule, path: "include/\(plan.config.cModuleName).apinotes", contents: w.text)]
    }
}
