/// The generated tests' calls of macros that scratch memory cannot back, with arguments the
/// config's `testValues` make (`TestValueConfig`): each value comes from a C function in
/// `<Module>Probes.h` that evaluates the entry's expression, so the Swift call and C's
/// expansion get the library's own objects (a `jcfg_info_t` parsed from a file, a vector built
/// by the library's macros) instead of garbage.
///
/// Each side gets its own values (a library call may change its object: two `deflateInit`s on
/// one stream would leak the first), unless the entry is `shared`; the results must be equal.
/// A pointer result is compared as an offset from the side's first pointer argument the test
/// made and releases (`vec_end(v)`), else as an address (a lookup into one shared config).
extension MacroFunctionTestRenderer {
    /// The `testValues` entry that makes each parameter's value, or nil when one has none.
    static func configuredEntries(_ shim: MacroShim, _ plan: GenerationPlan) -> [Int]? {
        let scope = plan.testValuesByMacro[shim.config.name] ?? []
        var entries: [Int] = []
        for parameter in inputs(shim) {
            guard let index = scope.first(where: { plan.config.testValues[$0].matches(parameter: parameter.name, spelling: parameter.spelling) }) else { return nil }
            entries.append(index)
        }
        return entries
    }

    /// "; `testValues` gives no `n` (`const char *`)" when entries for the parameters named
    /// would have the test call the macro (empty otherwise, and when the config has none).
    static func missingTestValues(_ shim: MacroShim, _ plan: GenerationPlan) -> String {
        guard !plan.config.testValues.isEmpty, let missing = parametersLackingTestValues(shim, plan, mapper: plan.swiftTypeMapper), !missing.isEmpty else { return "" }
        return "; `testValues` gives no " + missing.map { "`\($0.name)` (`\($0.spelling)`)" }.joined(separator: ", ")
    }

    /// The parameters no entry makes, when entries for them would have the test call the macro
    /// (it has a result to compare and plain parameter types); nil when none would.
    static func parametersLackingTestValues(_ shim: MacroShim, _ plan: GenerationPlan, mapper: SwiftTypeMapper) -> [Parameter]? {
        guard shim.inferred?.callBlocker != nil, let swiftTypes = shim.swiftParameters else { return nil }
        var everything = plan
        everything.config.testValues.append(TestValueConfig(value: "0"))  // no type, no name: any parameter
        everything.testValuesByMacro[shim.config.name, default: []].append(everything.config.testValues.count - 1)
        guard configuredCall(shim, swiftTypes, plan: everything, mapper: mapper) != nil else { return nil }
        let scope = plan.testValuesByMacro[shim.config.name] ?? []
        return inputs(shim).filter { p in !scope.contains { plan.config.testValues[$0].matches(parameter: p.name, spelling: p.spelling) } }
    }

    /// The parameters the values are made for: all but a `for` header's callback and context.
    static func inputs(_ shim: MacroShim) -> ArraySlice<Parameter> {
        shim.inferred?.forEachElement == nil ? shim.function.parameters[...] : shim.function.parameters.dropLast(2)
    }

    /// A `for` header's call (`lh_foreach(table) { entry in ... }`): both sides walk one shared
    /// object (the elements are its addresses) and must visit the same elements in order.
    static func configuredForEachCall(_ shim: MacroShim, _ swiftTypes: [String], entries: [Int], mapper: SwiftTypeMapper) -> Call? {
        guard let element = shim.inferred?.forEachElement, case .pointer = element.desugared else { return nil }
        for (i, parameter) in inputs(shim).enumerated() where mapper.swiftType(parameter.type) != swiftTypes[i] { return nil }
        var call = Call(swiftArguments: [], probeArguments: [], pointers: 0, scratchSize: 0, comparison: "swiftSeen == cSeen")
        call.configured = entries
        call.forEach = true
        call.swiftArguments = entries.indices.map { "s\($0)" }
        call.probeArguments = entries.indices.map { "c\($0)" }
        return call
    }

    /// The call with configured values, or nil when a parameter has no entry, a Swift parameter
    /// type differs from the importer's (a view, a closure), or there is no result to compare.
    static func configuredCall(_ shim: MacroShim, _ swiftTypes: [String], plan: GenerationPlan, mapper: SwiftTypeMapper) -> Call? {
        guard let inferred = shim.inferred, let entries = configuredEntries(shim, plan) else { return nil }
        if inferred.forEachElement != nil { return configuredForEachCall(shim, swiftTypes, entries: entries, mapper: mapper) }
        for (i, parameter) in shim.function.parameters.enumerated() where mapper.swiftType(parameter.type) != swiftTypes[i] { return nil }
        let values = entries.map { plan.config.testValues[$0] }
        var call = Call(swiftArguments: [], probeArguments: [], pointers: 0, scratchSize: 0, comparison: nil)
        call.configured = entries
        let separateObject = shim.function.parameters.indices.first { i in
            if case .pointer = shim.function.parameters[i].type.desugared { values[i].release != nil && !values[i].shared } else { false }
        }
        switch shim.function.returns.desugared {
        case .builtin, .enumeration:
            call.comparison = "r == p"
        case .pointer:
            if let k = separateObject {
                // Null on both sides, or the same offset from each side's own object.
                call.comparison = "(unsafeBitCast(r, to: UInt.self) == 0) == (unsafeBitCast(p, to: UInt.self) == 0) && (unsafeBitCast(r, to: UInt.self) == 0 || unsafeBitCast(r, to: UInt.self) &- unsafeBitCast(s\(k), to: UInt.self) == unsafeBitCast(p, to: UInt.self) &- unsafeBitCast(c\(k), to: UInt.self))"
            } else {
                call.comparison = "unsafeBitCast(r, to: UInt.self) == unsafeBitCast(p, to: UInt.self)"
            }
        case .record:
            // Its bytes when all are defined; pointers in it only into values both sides share.
            guard let bytes = inferred.resultBytes, bytes == .defined || separateObject == nil else { return nil }
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
    /// config's `testSupport` lines (emitted only when some call uses a value).
    static func valueProbes(_ plan: GenerationPlan, into w: inout TextWriter) {
        let mapper = plan.swiftTypeMapper
        let calls = inferred(plan).compactMap { shim in call(shim, plan: plan, mapper: mapper).flatMap { $0.configured.isEmpty ? nil : (shim, $0) } }
        guard !calls.isEmpty else { return }
        w.line()
        w.line("/* The config's testSupport and testValues: the arguments of the macros scratch memory cannot back. */")
        for line in plan.config.testSupport { w.line(line) }
        for (shim, call) in calls {
            for (i, entry) in call.configured.enumerated() {
                let value = plan.config.testValues[entry]
                let type = shim.function.parameters[i].spelling
                // A C compiler's error in the expression points here: name the entry.
                // (The line only: the path depends on how the generator was invoked.)
                w.line("/* testValues entry \(entry + 1)\(value.location.map { ", line \($0.line) of the config" } ?? "") */")
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

    /// The test body of a configured call: make the values, release them at the end, stop when
    /// an object the test makes is null (a failed constructor; the macro would crash on it, and
    /// two nulls would compare equal), call both sides, compare.
    static func renderConfigured(_ shim: MacroShim, _ call: Call, swiftCall: String, probeCall: String, plan: GenerationPlan, into w: inout TextWriter) {
        if let blocker = shim.inferred?.callBlocker { w.line("// With the config's testValues: on scratch memory it \(blocker).") }
        let values = call.configured.map { plan.config.testValues[$0] }
        func isPointer(_ i: Int) -> Bool { if case .pointer = shim.function.parameters[i].type.desugared { true } else { false } }
        // A `for` header's elements are addresses in its object: one object for both sides.
        func shared(_ i: Int) -> Bool { values[i].shared || call.forEach }
        for i in values.indices {
            w.line("let s\(i) = \(valueMaker(shim, i))()")
            w.line(shared(i) ? "let c\(i) = s\(i)" : "let c\(i) = \(valueMaker(shim, i))()")
        }
        for i in values.indices where values[i].release != nil {
            let sides = shared(i) ? ["s\(i)"] : ["s\(i)", "c\(i)"]
            let releases = sides.map { isPointer(i) ? "if \($0) != nil { \(valueReleaser(shim, i))(\($0)) }" : "\(valueReleaser(shim, i))(\($0))" }
            w.line("defer { \(releases.joined(separator: "; ")) }")
        }
        let made = values.indices.filter { values[$0].release != nil && isPointer($0) }
        if !made.isEmpty {
            let nonNull = made.flatMap { shared($0) ? ["s\($0) != nil"] : ["s\($0) != nil", "c\($0) != nil"] }
            let which = made.map { "entry \(call.configured[$0] + 1) (`\(shim.function.parameters[$0].spelling)`)" }.joined(separator: ", ")
            w.block("guard \(nonNull.joined(separator: ", ")) else {") { w in
                w.line("Issue.record(\"testValues made a null object: \(which)\")")
                w.line("return")
            }
        }
        if call.forEach {
            // Each element's address, in the order each side visits them.
            w.line("var swiftSeen: [UInt] = []")
            w.line("\(swiftCall) { swiftSeen.append(unsafeBitCast($0, to: UInt.self)) }")
            w.line("var cSeen: [UInt] = []")
            let arguments = (call.probeArguments + ["{ element, context in context!.assumingMemoryBound(to: [UInt].self).pointee.append(unsafeBitCast(element, to: UInt.self)) }", "seen"]).joined(separator: ", ")
            w.line("withUnsafeMutablePointer(to: &cSeen) { seen in \(probeName(shim))(\(arguments)) }")
            // Two empty walks are equal and prove nothing about the loop.
            w.line("#expect(!swiftSeen.isEmpty, \"the loop visited nothing: the testValues object has no elements\")")
        } else {
            w.line("let r = \(swiftCall)")
            w.line("let p = \(probeCall)")
        }
        if let comparison = call.comparison { w.line("#expect(\(comparison))") }
    }

    /// A warning for each `testValues` entry no generated test uses (a misspelt type or macro
    /// pattern would otherwise just leave the macros uncalled), or one when no tests are
    /// generated at all.
    static func unusedTestValues(_ plan: GenerationPlan) -> [Diagnostic] {
        guard let first = plan.config.testValues.first else { return [] }
        guard plan.config.outputs.layoutTests != nil else {
            return [Diagnostic(.warning, "testValues has no effect: the config generates no tests (outputs.layoutTests is not set)", at: first.location)]
        }
        let mapper = plan.swiftTypeMapper
        let used = Set(inferred(plan).compactMap { call($0, plan: plan, mapper: mapper)?.configured }.joined())
        return plan.config.testValues.indices.filter { !used.contains($0) }.map { i in
            let entry = plan.config.testValues[i]
            let what = [entry.type.map { "type '\($0)'" }, entry.parameter.map { "parameter '\($0)'" }].compactMap { $0 }.joined(separator: ", ")
            return Diagnostic(.warning, "testValues entry \(i + 1) (\(what)) gives no argument of a macro the generated tests call: no parameter of a bridged macro that scratch memory cannot back matches it, or another of the macro's parameters has no entry", at: entry.location)
        }
    }
}
