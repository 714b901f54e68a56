import BindgenCore
import Testing

/// What the model and plan make of each fixture construct, checked without the goldens.
@Suite struct ConstructTests {
    let result: GenerationResult

    init() throws { result = try Fixtures.generate("constructs") }

    func file(_ path: String) -> String { result.files.first { $0.path == path }?.contents ?? "" }

    @Test func functionKinds() throws {
        let kinds = Dictionary(uniqueKeysWithValues: result.plan.model.functions.map { ($0.name, $0.kind) })
        #expect(kinds["fx_extern"] == .extern)
        #expect(kinds["fx_static_inline"] == .staticInline)
        #expect(kinds["fx_c99_inline"] == .c99Inline)
        #expect(result.plan.model.functions.first { $0.name == "fx_printf" }?.isVariadic == true)
        #expect(file("shims.c").contains("extern __typeof__(fx_c99_inline) fx_c99_inline;"))
        #expect(file("shims.c").contains("return fx_printf(\"%s\", fmt);"))
        #expect(result.diagnostics.contains { $0.symbol == "fx_sum" && $0.skip == .unsupported })
        #expect(result.diagnostics.contains { $0.symbol == "fx_blocked" && $0.skip == .blocklisted })
    }

    @Test func overAlignedRecordGetsAView() throws {
        let record = try #require(result.plan.model.records.first { $0.name == "fx_aligned_s" })
        #expect(record.alignment == 32)
        let fields = Dictionary(uniqueKeysWithValues: record.fields.map { ($0.name, $0) })
        #expect(fields["bits"]?.bitWidth == 3)
        #expect(fields["u"]?.viaAnonymousMember == true)
        #expect(fields["y"]?.viaAnonymousMember == true)
        #expect(fields["counter"]?.type.isAtomic == true)
        #expect(fields["data"]?.isFlexibleArray == true)
        let view = try #require(result.plan.views.first)
        #expect(view.name == "FxAlignedView")
        #expect(view.accessors.map(\.field.name) == record.fields.map(\.name))
        #expect(result.plan.views.count == 1, "only the over-aligned record gets a view")
        let types = Dictionary(uniqueKeysWithValues: view.accessors.map { ($0.field.name, $0.swiftType) })
        #expect(types["burst"] == "fx_burst_t?", "a function-pointer typedef keeps its imported name")
        #expect(types["raw_cb"] == "(@convention(c) (Int32) -> Void)?")
        #expect(view.accessors.first { $0.field.name == "burst" }?.probeCType == "pointer", "function pointers get layout tests")
        // A pointer to a record without a definition imports as OpaquePointer, not as a
        // pointer to a type Swift cannot find.
        #expect(result.plan.model.incompleteRecords.contains("fx_undefined"))
        #expect(types["opaque"] == "OpaquePointer?")
        #expect(file("FxAlignedView.swift").contains("public var opaque: OpaquePointer? {"))
        #expect(!file("FxAlignedView.swift").contains("fx_undefined>"))
    }

    @Test func macroForms() throws {
        let constants = Dictionary(uniqueKeysWithValues: result.plan.constants.map { ($0.macro.name, $0) })
        // Gaps the importer leaves: emitted with clang's values.
        #expect(constants["FX_SIZEOF"]?.literal == "16")
        #expect(constants["FX_SIZEOF"]?.swiftType == "UInt")
        #expect(constants["FX_MULTI_OP"]?.literal == "144")
        #expect(constants["FX_MULTI_OP"]?.swiftType == "UInt64")
        #expect(constants["FX_CONCAT"]?.literal == "\"a\\u{1b}[2J\"")
        #expect(constants["FX_ENUM_ALIAS"]?.swiftType == "fx_color")
        #expect(constants["FX_ANON_ALIAS"]?.literal == "-2")
        // Imported by Swift already: not emitted again (no name clash).
        // FX_EXT_ALIAS and FX_EXT_OP alias EXIT_FAILURE of <stdlib.h>: imported through it.
        #expect(result.plan.model.externalMacros.map(\.name).contains("EXIT_FAILURE"))
        for name in ["FX_INT", "FX_NEG", "FX_FLOAT", "FX_STR", "FX_CAST", "FX_SINGLE_OP", "FX_ALIAS", "FX_LIMIT", "FX_EXT_ALIAS", "FX_EXT_OP"] {
            #expect(constants[name] == nil, "\(name)")
            #expect(result.diagnostics.contains { $0.symbol == name && $0.skip == .importedBySwift }, "\(name)")
        }
        #expect(result.diagnostics.contains { $0.symbol == "FX_CLASH" && $0.skip == .nameClash })
        #expect(result.diagnostics.contains { $0.symbol == "FX_FLAG" && $0.skip == .notAConstant })
        // FX_UNBRIDGED has no entry: bridged with inferred types, one overload per arithmetic type.
        #expect(!result.diagnostics.contains { $0.symbol == "FX_UNBRIDGED" && $0.skip != nil })
        #expect(file("shims.c").contains("uint16_t fx_shim_FX_UNBRIDGED_u16(uint16_t x) { return FX_UNBRIDGED(x); }"))
        // Bridged function-like macros.
        #expect(file("shims.c").contains("int fx_shim_FX_FN(int x) { return FX_FN(x); }"))
        #expect(file("MacroFunctions.swift").contains("public func FX_FIELD(_ s: FxAlignedView) -> UInt32"))
    }

    @Test func macroFamiliesAndBrokenImports() throws {
        let families = Dictionary(uniqueKeysWithValues: result.plan.families.map { ($0.name, $0) })
        let flags = try #require(families["FxFFlags"])
        #expect(flags.swiftType == "UInt16", "typed like fx_cfg.flags")
        #expect(flags.members.map(\.swiftName) == ["a", "b"], "FX_F_LEN is no flag (no shift)")
        #expect(flags.target?.accessor == "fxFFlags")
        let state = try #require(families["FxState"])
        #expect(state.swiftType == "Int32" && state.members.map(\.swiftName) == ["none", "up", "down"])
        #expect(families["FxBFlags"]?.target?.isView == true)
        let bad = try #require(result.plan.constants.first { $0.macro.name == "FX_BAD_IOVA" })
        #expect(bad.shadowsImport && bad.swiftType == "fx_iova_t" && bad.literal == "18446744073709551615")
        #expect(file("MacroConstantTests.swift").contains("record.fxFFlags = [.a, .b]"))
        // Module-qualified in the tests, which import the C module too (no ambiguity).
        #expect(file("MacroConstantTests.swift").contains("let value: fx_iova_t = Fx.FX_BAD_IOVA"))
    }

    @Test func familyWithoutMembersIsANote() throws {
        let none = try #require(result.plan.families.first { $0.name == "FxNone" })
        #expect(none.members.isEmpty)
        let d = try #require(result.diagnostics.first { $0.symbol == "FX_NONE_" })
        #expect(d.severity == .note, "\(d)")
        #expect(!result.diagnostics.contains { $0.severity >= .warning && $0.message.contains("FX_NONE_") })
        #expect(file("MacroFamilies.swift").contains("public enum FxNone {"))
    }

    @Test func everySkipIsInTheReport() {
        let report = file("SKIPPED.md")
        for d in result.diagnostics where d.skip != nil {
            #expect(report.contains("`\(d.symbol ?? "")`"), "\(d)")
        }
    }

    @Test func everyFileSaysItIsGenerated() {
        for f in result.files {
            #expect(f.contents.split(separator: "\n").first?.contains("Generated by cne-bindgen") == true, "\(f.path)")
        }
    }
}
