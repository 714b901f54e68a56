/// The generated tests' calls of macros that scratch memory cannot back, with arguments the
/// config's `testValues` make (`TestValueConfig`): each value comes from a C function in
/// `<Module>Probes.h` that evaluates the entry's expression, so the Swift call and C's
/// expansion get the library's own objects (a `jcfg_info_t` parsed from text, a vector built
/// by the library's macros) instead of garbage.
///
/// Each side gets its own values (a library call may change the object: two `deflateInit`s on
/// one stream would leak the first), released afterwards, and the results must be equal;
/// a pointer result is compared as an offset from the side's first pointer argument when the
/// macro writes (`vec_end` after `vec_pop`), else both sides share the values and must return
/// the same address (`jcfg_lookup_lport` returns a pointer into the one parsed config).
extension MacroFunctionTestRenderer {
    /// The `testValues` entry that makes each parameter's value, or nil when one has none.
    static func configuredEntries(_ shim: MacroShim, _ config: BindgenConfig) -> [Int]? {
        guard !config.testValues.isEmpty else { return nil }
        var entries: [Int] = []
        for parameter in shim.function.parameters {
            guard let index = config.testValues.firstIndex(where: { $0.matches(macro: shim.config.name, parameter: parameter.name, spelling: parameter.spelling) }) else { return nil }
            entries.append(index)
        }
        return entries
    }

    /// The parameters no `testValues` entry gives, as "`name` (`type`)", for the reason a macro
    /// is not called; empty when the config has no `testValues` or every parameter has one.
    static func parametersWithoutTestValues(_ shim: MacroShim, _ config: BindgenConfig) -> [String] {
        guard !config.testValues.isEmpty else { return [] }
        return shim.function.parameters.filter { p in
            !config.testValues.contains { $0.matches(macro: shim.config.name, parameter: p.name, spelling: p.spelling) }
        }.map { "`\($0.name)` (`\($0.spelling)`)" }
    }

    /// The call with configured values, or nil when a parameter has no entry, a Swift parameter
    /// type differs from the importer's (a view), or there is no result to compare.
    static func configuredCall(_ shim: MacroShim, _ swiftTypes: [String], plan: GenerationPlan, mapper: SwiftTypeMapper) -> Call? {
        guard let inferred = shim.inferred, let entries = configuredEntries(shim, plan.config) else { return nil }
        for (i, parameter) in shim.function.parameters.enumerated() where mapper.swiftType(parameter.type) != swiftTypes[i] { return nil }
        let writes = writes(inferred.macro, plan)
        let firstPointer = shim.function.parameters.firstIndex { if case .pointer = $0.type.desugared { true } else { false } }
        var call = Call(swiftArguments: [], probeArguments: [], pointers: 0, scratchSize: 0, comparison: nil)
        call.configured = entries
        switch shim.function.returns.desugared {
        case .builtin, .enumeration:
            call.comparison = "r == p"
        case .pointer where writes:
            guard let k = firstPointer else { return nil }
            call.comparison = "unsafeBitCast(r, to: UInt.self) &- unsafeBitCast(s\(k), to: UInt.self) == unsafeBitCast(p, to: UInt.self) &- unsafeBitCast(c\(k), to: UInt.self)"
        case .pointer:
            call.sharedValues = true
            call.comparison = "unsafeBitCast(r, to: UInt.self) == unsafeBitCast(p, to: UInt.self)"
        case .record:
            // Its bytes, when all are defined; pointers in it only to the one shared object.
            guard let bytes = inferred.resultBytes, bytes == .defined || !writes else { return nil }
            call.sharedValues = !writes
            call.comparison = "withUnsafeBytes(of: r) { a in withUnsafeBytes(of: p) { b in a.elementsEqual(b) } }"
        default:
            // Nothing to compare: the objects are the library's, their bytes are not the test's.
            return nil
        }
        call.swiftArguments = shim.function.parameters.indices.map { "s\($0)" }
        call.probeArguments = shim.function.parameters.indices.map { "c\($0)" }
        return call
    }

    /// `cne_bindgen_probe_tv_<shim>_<i>`: makes parameter `i`'s value.
    static func valueMaker(_ shim: MacroShim, _ i: Int) -> String { "\(ProbeRenderer.prefix)tv_\(shim.function.name)_\(i)" }

    /// `cne_bindgen_probe_tr_<shim>_<i>`: releases it.
    static func valueReleaser(_ shim: MacroShim, _ i: Int) -> String { "\(ProbeRenderer.prefix)tr_\(shim.function.name)_\(i)" }

    /// The C functions making and releasing the values of the configured calls, after the
    /// config's `testSupport` declarations.
    static func valueProbes(_ plan: GenerationPlan, into w: inout TextWriter) {
        let mapper = SwiftTypeMapper(model: plan.model, views: Dictionary(uniqueKeysWithValues: plan.views.map { ($0.record.name, $0.name) }))
        let calls = inferred(plan).compactMap { shim in call(shim, plan: plan, mapper: mapper).flatMap { $0.configured.isEmpty ? nil : (shim, $0) } }
        guard !calls.isEmpty else { return }
        w.line()
        w.line("/* The config's testSupport and testValues: the arguments of the macros scratch memory cannot back. */")
        for line in plan.config.testSupport { w.line(line) }
        for (shim, call) in calls {
            for (i, entry) in call.configured.enumerated() {
                let value = plan.config.testValues[entry]
                let type = shim.function.parameters[i].spelling
                // `__typeof__` keeps a function-pointer type a valid return type.
                let returns = type.contains("(") ? "__typeof__(\(type)) " : CModuleRenderer.declarator(type, "")
                w.line("static inline \(returns)\(valueMaker(shim, i))(void) { return (\(value.value)); }")
                if let release = value.release {
                    let parameter = type.contains("(") ? "__typeof__(\(type)) v" : CModuleRenderer.declarator(type, "v")
                    w.line("static inline void \(valueReleaser(shim, i))(\(parameter)) { \(release)(v); }")
                }
            }
        }
    }

    /// The test body of a configured call: make the values, call both sides, release, compare.
    static func renderConfigured(_ shim: MacroShim, _ call: Call, swiftCall: String, probeCall: String, plan: GenerationPlan, into w: inout TextWriter) {
        if let blocker = shim.inferred?.callBlocker { w.line("// With the config's testValues: on scratch memory it \(blocker).") }
        for i in call.configured.indices {
            w.line("let s\(i) = \(valueMaker(shim, i))()")
            w.line(call.sharedValues ? "let c\(i) = s\(i)" : "let c\(i) = \(valueMaker(shim, i))()")
        }
        // A constructor that failed (a config file not found) would leave two null pointers that
        // compare equal: a made pointer must not be null.
        for (i, entry) in call.configured.enumerated() {
            guard case .pointer = shim.function.parameters[i].type.desugared else { continue }
            let what = "testValues entry \(entry + 1) made a null `\(shim.function.parameters[i].spelling)`"
            w.line(call.sharedValues ? "#expect(s\(i) != nil, \"\(what)\")" : "#expect(s\(i) != nil && c\(i) != nil, \"\(what)\")")
        }
        for (i, entry) in call.configured.enumerated() where plan.config.testValues[entry].release != nil {
            w.line(call.sharedValues ? "defer { \(valueReleaser(shim, i))(s\(i)) }" : "defer { \(valueReleaser(shim, i))(s\(i)); \(valueReleaser(shim, i))(c\(i)) }")
        }
        w.line("let r = \(swiftCall)")
        w.line("let p = \(probeCall)")
        if let comparison = call.comparison { w.line("#expect(\(comparison))") }
    }

    /// A warning for each `testValues` entry no generated test uses (a misspelt type or macro
    /// pattern would otherwise just leave the macros uncalled).
    static func unusedTestValues(_ plan: GenerationPlan) -> [Diagnostic] {
        guard !plan.config.testValues.isEmpty, plan.config.outputs.layoutTests != nil else { return [] }
        let mapper = SwiftTypeMapper(model: plan.model, views: Dictionary(uniqueKeysWithValues: plan.views.map { ($0.record.name, $0.name) }))
        let used = Set(inferred(plan).compactMap { call($0, plan: plan, mapper: mapper)?.configured }.joined())
        return plan.config.testValues.indices.filter { !used.contains($0) }.map { i in
            let entry = plan.config.testValues[i]
            let what = [entry.type.map { "type '\($0)'" }, entry.parameter.map { "parameter '\($0)'" }].compactMap { $0 }.joined(separator: ", ")
            return Diagnostic(.warning, "testValues entry \(i + 1) (\(what)) gives no argument of a macro the generated tests call: no parameter of a bridged macro that scratch memory cannot back matches it, or another of the macro's parameters has no entry", at: entry.location)
        }
    }
}
