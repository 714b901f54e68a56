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
        let counts = MacroCounts(plan)
        w.line("Function-like macros: \(counts.bridged) of \(counts.total) usable from Swift (\(counts.inferred) with an inferred signature, \(counts.configured) configured); \(counts.called) of the inferred ones are called and compared with C by the generated tests, the others are referenced as function values.")
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
        let notCalled = notCalledMacros(plan)
        if !notCalled.isEmpty {
            w.line()
            w.line("## Function-like macros bridged but not called by the generated tests")
            w.line()
            w.line("Each is usable from Swift and taken as a function value by `MacroFunctionTests.swift` (which")
            w.line("must compile and link); calling it on the tests' scratch memory would not be sound, because:")
            w.line()
            w.line("| Macro | Why the test does not call it | Location |")
            w.line("|---|---|---|")
            for (shim, reason) in notCalled {
                w.line("| `\(shim.config.name)` | \(reason.replacingOccurrences(of: "|", with: "\\|")) | \(shim.function.location.description) |")
            }
        }
        return GeneratedFile(root: .swiftModule, path: "SKIPPED.md", contents: w.text)
    }

    /// The inferred macros no generated test calls, one per macro (its first overload's reason).
    static func notCalledMacros(_ plan: GenerationPlan) -> [(MacroShim, String)] {
        let mapper = plan.swiftTypeMapper
        var seen: Set<String> = []
        var result: [(MacroShim, String)] = []
        for shim in MacroFunctionTestRenderer.inferred(plan) where MacroFunctionTestRenderer.call(shim, plan: plan, mapper: mapper) == nil {
            guard seen.insert(shim.config.name).inserted else { continue }
            let reason = shim.inferred?.callBlocker.map { $0 + MacroFunctionTestRenderer.missingTestValues(shim, plan) } ?? MacroFunctionTestRenderer.notCalledReason(shim, plan) ?? "its arguments or result have no generic test value (a record parameter, a record result holding pointers into each side's own copy)"
            result.append((shim, reason))
        }
        return result
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}

/// How many function-like macros the plan bridges, for the report and `suggest`.
public struct MacroCounts: Sendable, Hashable {
    /// Function-like macros of the API the filters keep.
    public var total: Int
    /// Those with a Swift function.
    public var bridged: Int
    /// Those bridged with an inferred signature.
    public var inferred: Int
    /// Those bridged from a `functionMacros` entry.
    public var configured: Int
    /// Inferred ones a generated test calls and compares with C.
    public var called: Int

    /// Counts a plan's function-like macros.
    public init(_ plan: GenerationPlan) {
        let filter = NameFilter(plan.config.filters)
        let all = Set(plan.model.macros.filter { $0.parameters != nil && filter.rejection(of: $0.name, as: .macros) == nil }.map(\.name))
        let withSwift = plan.macroShims.filter { $0.swiftReturn != nil }
        let inferred = Set(withSwift.filter { $0.inferred != nil }.map(\.config.name))
        let configured = Set(withSwift.filter { $0.inferred == nil }.map(\.config.name))
        let mapper = plan.swiftTypeMapper
        let called = Set(withSwift.filter { MacroFunctionTestRenderer.call($0, plan: plan, mapper: mapper) != nil }.map(\.config.name))
        total = all.count
        bridged = inferred.union(configured).intersection(all).count
        self.inferred = inferred.intersection(all).count
        self.configured = configured.intersection(all).count
        self.called = called.intersection(all).count
    }
}
