import BindgenCore
import Testing

/// `cne-bindgen stats`: what the generated modules add over the importer alone, counted on the
/// constructs fixture, whose contents are known.
@Suite struct StatisticsTests {
    @Test func constructsFixtureCounts() throws {
        let result = try Fixtures.generate("constructs")
        let stats = Statistics(result)
        // The importer cannot call variadic functions nor compile SIMD inline bodies; the
        // generator wraps the printf-like variadic and the SIMD functions, and defines the C99
        // inline function the library does not (c99InlineDefinitions).
        #expect(stats.functions.generated - stats.functions.importer == result.plan.variadicWrappers.count + result.plan.simdWrappers.count + result.plan.c99InlineDefinitions.count)
        #expect(result.plan.variadicWrappers.count == 1)
        #expect(stats.functions.total - stats.functions.generated == 1, "fx_sum: a variadic without a format")
        // Over-aligned records: dropped by the importer, a view each here.
        #expect(stats.records.generated == stats.records.total)
        #expect(stats.records.total - stats.records.importer == result.plan.views.count)
        #expect(result.plan.views.count >= 1)
        // Function-like macros: the two configured shims and every inferred one.
        let inferred = result.plan.macroShims.filter { $0.inferred != nil }.count
        #expect(result.plan.macroShims.count - inferred == 2)
        #expect(inferred > 0)
        // Counted as macros, not shims: FX_UNBRIDGED is type-generic, one shim per arithmetic type.
        let bridged = Set(result.plan.macroShims.map(\.config.name))
        #expect(bridged == ["FX_FN", "FX_FIELD", "FX_UNBRIDGED"])
        #expect(result.plan.macroShims.filter { $0.config.name == "FX_UNBRIDGED" }.count == 11)
        #expect(stats.functionMacros.generated == bridged.count)
        #expect(stats.functionMacros.generated < result.plan.macroShims.count)
        #expect(stats.functionMacros.generated <= stats.functionMacros.total)
        #expect(stats.functionMacros.importer == 0)
        #expect(stats.macros.generated > stats.macros.importer)
    }
}
