/// What one run makes usable from Swift, beside what Swift's importer alone would: the
/// figures of the generator table in the README (`cne-bindgen stats`, `make bench-generator`).
public struct Statistics: Sendable, Hashable, Codable {
    /// One kind of declaration: how many the API has after the filters, how many the generated
    /// modules make usable, and how many the importer alone would.
    public struct Count: Sendable, Hashable, Codable {
        /// In the API, after the filters.
        public var total = 0
        /// Usable through the generated modules.
        public var generated = 0
        /// Usable with Swift's importer alone (a module map over the same headers).
        public var importer = 0
    }

    /// Functions: the importer cannot call variadic ones, nor compile SIMD inline bodies
    /// without `-march`, nor link C99 inline functions or prototypes the library does not
    /// define; the generator wraps the first three and marks the last unavailable.
    public var functions = Count()
    /// Records: the importer drops over-aligned ones; the generator's views stand in.
    public var records = Count()
    /// Object-like macros: the importer imports simple literals and misses or breaks the rest.
    public var macros = Count()
    /// Function-like macros: the importer imports none. `generated` counts macros (a
    /// type-generic one with all its overloads is one).
    public var functionMacros = Count()

    /// Counts a run's plan and diagnostics.
    public init(_ result: GenerationResult) {
        let plan = result.plan
        let skips = result.diagnostics.filter { $0.skip != nil }
        func skipped(_ reason: SkipReason, _ names: Set<String>) -> Int { skips.filter { $0.skip == reason && names.contains($0.symbol ?? "") }.count }

        let filter = NameFilter(plan.config.filters)
        let functions = plan.model.functions.filter { filter.rejection(of: $0.name, as: .functions) == nil }
        let undefined = Set(plan.undefinedSymbols)
        let wrappedVariadic = Set(plan.variadicWrappers.map(\.function.name))
        let simd = Set(plan.simdWrappers.map(\.name))
        let noDefinition = Set(plan.c99InlineDefinitions.map(\.name))
        self.functions.total = functions.count
        self.functions.generated = functions.filter { !undefined.contains($0.name) && (!$0.isVariadic || wrappedVariadic.contains($0.name)) }.count
        self.functions.importer = functions.filter { f in
            !undefined.contains(f.name) && !f.isVariadic && !simd.contains(f.name) && !noDefinition.contains(f.name)
        }.count

        records.total = plan.layoutChecks.count
        records.generated = plan.layoutChecks.count
        records.importer = plan.layoutChecks.count - plan.views.count

        let macros = plan.model.macros.filter { filter.rejection(of: $0.name, as: .macros) == nil }
        let objectLike = Set(macros.filter { $0.parameters == nil }.map(\.name))
        let imported = skipped(.importedBySwift, objectLike)
        self.macros.total = objectLike.count
        self.macros.generated = imported + plan.constants.count
        // Macros the importer imports but breaks on use ("integer literal overflows") count
        // for the generator only: its constants shadow them.
        self.macros.importer = imported
        let functionLike = macros.filter { $0.parameters != nil }
        functionMacros.total = functionLike.count
        // Macros, not shims: a type-generic macro has one shim per arithmetic overload.
        functionMacros.generated = Set(plan.macroShims.map(\.config.name)).count
        functionMacros.importer = 0
    }
}
