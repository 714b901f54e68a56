/// Everything one generation run produced.
public struct GenerationResult: Sendable {
    /// The files, in a fixed order.
    public var files: [GeneratedFile]
    /// The plan they were rendered from.
    public var plan: GenerationPlan
    /// Every diagnostic: clang's warnings and the planner's skips.
    public var diagnostics: [Diagnostic]
}

/// The pipeline: parse (Clang) → plan (Plan) → render (Render). Nothing is written here.
public enum Generator {
    /// Runs the pipeline for a configuration.
    public static func run(_ config: BindgenConfig) throws(BindgenFailure) -> GenerationResult {
        // Paths again: command-line overrides replace the ones the loader checked.
        let pathErrors = ConfigValidation.pathErrors(config) { _, _ in nil }
        if !pathErrors.isEmpty { throw BindgenFailure(pathErrors) }
        let nm = try DefinedSymbols.start(config.symbolSources)  // runs while clang parses
        let parsed = try ClangFrontend.parse(config)
        let symbols = try nm?.finish()
        let plan = Planner.plan(parsed, config: config, symbols: symbols)
        let errors = plan.diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty { throw BindgenFailure(errors) }
        let unused = MacroFunctionTestRenderer.unusedTestValues(plan)
        return GenerationResult(files: render(plan), plan: plan, diagnostics: parsed.diagnostics + plan.diagnostics + unused)
    }

    /// Renders every output file of a plan.
    public static func render(_ plan: GenerationPlan) -> [GeneratedFile] {
        var files = CModuleRenderer.render(plan) + SwiftModuleRenderer.render(plan) + [ReportRenderer.render(plan)]
        if plan.config.outputs.layoutTests != nil {
            files += LayoutTestRenderer.render(plan)
            if let constants = ConstantTestRenderer.render(plan) { files.append(constants) }
            if let inline = InlineTestRenderer.render(plan) { files.append(inline) }
            if let macros = MacroFunctionTestRenderer.render(plan) { files.append(macros) }
        }
        return files
    }
}
