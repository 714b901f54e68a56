/// Renders `SKIPPED.md`: every declaration the generator did not emit, with its reason.
enum ReportRenderer {
    static func render(_ plan: GenerationPlan) -> GeneratedFile {
        let skips = plan.diagnostics.filter { $0.skip != nil }
            .sorted { ($0.symbol ?? "", $0.location?.description ?? "") < ($1.symbol ?? "", $1.location?.description ?? "") }
        var w = TextWriter()
        w.line("<!-- \(Banner.text(plan)) -->")
        w.line("# What cne-bindgen did not emit")
        w.line()
        w.line("\(skips.count) declarations skipped. Emitted: \(plan.views.count) record views, \(plan.constants.count) macro constants, \(plan.macroShims.count) macro shims, \(plan.c99InlineDefinitions.count) C99 inline definitions, \(plan.inlineWrappers.count) C99 inline wrappers, \(plan.simdWrappers.count) SIMD wrappers, \(plan.variadicWrappers.count) variadic wrappers, \(plan.layoutChecks.count) layout checks.")
        w.line()
        if plan.symbolFiles.isEmpty {
            w.line("Symbols: not checked (no `symbolSources`).")
        } else {
            // No file count: it would depend on the build directory (stale objects), not the API.
            w.line("Symbols: checked with `nm` against the library named by `symbolSources`.")
        }
        w.line()
        w.line("| Reason | Count |")
        w.line("|---|---|")
        for reason in SkipReason.allCases {
            let n = skips.filter { $0.skip == reason }.count
            if n > 0 { w.line("| \(reason.rawValue) | \(n) |") }
        }
        w.line()
        w.line("| Symbol | Reason | Detail | Location |")
        w.line("|---|---|---|---|")
        for d in skips {
            let detail = d.message.replacingOccurrences(of: "|", with: "\\|")
            w.line("| `\(d.symbol ?? "")` | \(d.skip!.rawValue) | \(detail) | \(d.location?.description ?? "") |")
        }
        return GeneratedFile(root: .swiftModule, path: "SKIPPED.md", contents: w.text)
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
