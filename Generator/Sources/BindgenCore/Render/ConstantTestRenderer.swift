/// Renders `MacroConstantTests.swift`: every generated integer constant and family member
/// against the value the C compiler gives the macro (assigned to the family's field, if any).
enum ConstantTestRenderer {
    /// The integer constants that get a probe and a test.
    static func testedConstants(_ plan: GenerationPlan) -> [SwiftConstant] {
        plan.constants.filter { c in
            guard case .integer(_, _, let type)? = c.macro.value, type.desugared != .builtin(.bool) else { return false }
            return !plan.model.enums.contains { $0.name == c.swiftType }  // enum aliases keep the enum type
        }
    }

    /// The pointer constants (`(void *)-1`), tested by their bits.
    static func pointerConstants(_ plan: GenerationPlan) -> [SwiftConstant] {
        plan.constants.filter { if case .pointer? = $0.macro.value { true } else { false } }
    }

    static func probeName(constant name: String) -> String { "\(ProbeRenderer.prefix)macro_\(name)" }

    static func probeName(member: MacroFamily.Member) -> String { "\(ProbeRenderer.prefix)family_\(member.cName)" }

    /// The C probes, for `<Module>Probes.h`.
    static func probes(_ plan: GenerationPlan, into w: inout TextWriter) {
        let constants = testedConstants(plan)
        if !constants.isEmpty {
            w.line()
            w.line("/* Macro values, as C computes them. */")
            for c in constants {
                w.line("static inline uint64_t \(probeName(constant: c.macro.name))(void) { return (uint64_t)(\(c.macro.name)); }")
            }
        }
        let pointers = pointerConstants(plan)
        if !pointers.isEmpty {
            w.line()
            w.line("/* Pointer macros' bits, as C computes them. */")
            for c in pointers {
                w.line("static inline uint64_t \(probeName(constant: c.macro.name))(void) { return (uint64_t)(uintptr_t)(\(c.macro.name)); }")
            }
        }
        for family in plan.families where !family.members.isEmpty {
            w.line()
            w.line("/* \(family.config.prefix)* (\(family.name)), as C \(family.target == nil ? "computes them" : "stores them in \(family.target!.record.name).\(family.target!.field.name)"). */")
            for m in family.members {
                if let target = family.target {
                    w.line("static inline uint64_t \(probeName(member: m))(void) { \(target.record.cSpelling) c; __builtin_memset(&c, 0, sizeof c); c.\(target.field.name) = \(m.cName); return (uint64_t)c.\(target.field.name); }")
                } else {
                    w.line("static inline uint64_t \(probeName(member: m))(void) { return (uint64_t)(\(m.cName)); }")
                }
            }
        }
    }

    static func render(_ plan: GenerationPlan) -> GeneratedFile? {
        let constants = testedConstants(plan)
        let pointers = pointerConstants(plan)
        let families = plan.families.filter { !$0.members.isEmpty }
        guard !constants.isEmpty || !families.isEmpty || !pointers.isEmpty else { return nil }
        var w = TextWriter()
        w.line(Banner.swift(plan))
        w.line()
        w.line("import \(plan.config.cModuleName).Probes")
        w.line("import \(plan.config.swiftModuleName)")
        w.line("import Testing")
        w.line()
        w.line("/// The generated constants against the C compiler's values.")
        w.block("@Suite struct MacroConstantTests {") { w in
            for c in constants {
                w.line()
                w.line("/// `\(c.macro.name)`\(c.shadowsImport ? ", which shadows the importer's broken import" : "").")
                w.block("@Test func constant_\(c.macro.name)() {") { w in
                    // Module-qualified: the test also imports the C module, whose import of the
                    // macro (broken or not) is another candidate for the bare name.
                    w.line("let value: \(c.swiftType) = \(plan.config.swiftModuleName).\(c.macro.name)")
                    w.line("#expect(UInt64(truncatingIfNeeded: value) == \(probeName(constant: c.macro.name))())")
                }
            }
            for c in pointers {
                w.line()
                w.line("/// `\(c.macro.name)`, a pointer made from an integer, which the importer does not import.")
                w.block("@Test func constant_\(c.macro.name)() {") { w in
                    w.line("let value: \(c.swiftType) = \(plan.config.swiftModuleName).\(c.macro.name)")
                    w.line("#expect(UInt64(unsafeBitCast(value, to: UInt.self)) == \(probeName(constant: c.macro.name))())")
                }
            }
            for family in families {
                w.line()
                w.line("/// `\(family.name)`: each member equals the C value\(family.target.map { " stored in `\($0.record.name).\($0.field.name)`" } ?? "").")
                w.block("@Test func family_\(family.name)() {") { w in
                    let access = family.config.kind == .optionSet ? ".rawValue" : ""
                    for m in family.members {
                        w.line("#expect(UInt64(truncatingIfNeeded: \(family.name).\(SwiftModuleRenderer.identifier(m.swiftName))\(access)) == \(probeName(member: m))())")
                    }
                    guard let target = family.target, !target.isView, let first = family.members.first else { return }
                    let field = SwiftModuleRenderer.identifier(target.field.name)
                    w.line("var record = \(target.swiftRecord)()")
                    w.line("record.\(field) = \(family.name).\(SwiftModuleRenderer.identifier(first.swiftName))\(access)")
                    w.line("#expect(UInt64(truncatingIfNeeded: record.\(field)) == \(probeName(member: first))())")
                    guard family.config.kind == .optionSet, let accessor = target.accessor else { return }
                    let all = family.members.map { "." + SwiftModuleRenderer.identifier($0.swiftName) }.joined(separator: ", ")
                    w.line("record.\(accessor) = [\(all)]")
                    w.line("#expect(record.\(field) == \(family.members.map { "\(family.name).\(SwiftModuleRenderer.identifier($0.swiftName)).rawValue" }.joined(separator: " | ")))")
                    w.line("#expect(record.\(accessor).contains(.\(SwiftModuleRenderer.identifier(first.swiftName))))")
                }
            }
        }
        return GeneratedFile(root: .layoutTests, path: "MacroConstantTests.swift", contents: w.text)
    }
}
