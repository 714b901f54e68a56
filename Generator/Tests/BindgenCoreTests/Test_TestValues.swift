import BindgenCore
import Foundation
import Testing

/// Issue 12: macros that scratch memory cannot back (they call the library, or read memory in
/// front of their argument) were only referenced by the generated tests. With `testValues`
/// they are called on the library's own objects and compared with C (Fixtures/testvalues).
@Suite struct TestValueTests {
    let result: GenerationResult

    init() throws { result = try Fixtures.generate("testvalues") }

    func file(_ path: String) -> String { result.files.first { $0.path == path }?.contents ?? "" }

    /// The test body of one macro, from its `@Test` line to the next.
    func test(_ shim: String) -> String {
        let text = file("MacroFunctionTests.swift")
        guard let start = text.range(of: "@Test func macro_\(shim)()") else { return "" }
        let rest = text[start.upperBound...]
        return String(rest[..<(rest.range(of: "@Test")?.lowerBound ?? rest.endIndex)])
    }

    @Test func macrosWithEveryArgumentMadeAreCalled() throws {
        let report = file("SKIPPED.md")
        #expect(report.contains("5 of the inferred ones are called and compared with C"), "\(report)")
        // An int result: a table per side, each released.
        let rows = test("tv_fx_table_rows")
        #expect(rows.contains("let c0 = cne_bindgen_probe_tv_tv_fx_table_rows_0()"), "\(rows)")
        #expect(rows.contains("defer { if s0 != nil { cne_bindgen_probe_tr_tv_fx_table_rows_0(s0) }; if c0 != nil { cne_bindgen_probe_tr_tv_fx_table_rows_0(c0) } }"))
        #expect(rows.contains("#expect(r == p)"))
        // A failed constructor: the test stops (the macro would crash on null; two nulls compare equal).
        #expect(rows.contains("guard s0 != nil, c0 != nil else {\n            Issue.record(\"testValues made a null object: entry 2 (`fx_table_t *`)\")\n            return"), "\(rows)")
        // A pointer result from a `shared` table: one table for both sides, the same address.
        let row = test("tv_fx_table_find_row")
        #expect(row.contains("let c0 = s0") && row.contains("let c1 = cne_bindgen_probe_tv_tv_fx_table_find_row_1()"), "\(row)")
        #expect(row.contains("defer { if s0 != nil { cne_bindgen_probe_tr_tv_fx_table_find_row_0(s0) } }"), "released once")
        #expect(row.contains("#expect(unsafeBitCast(r, to: UInt.self) == unsafeBitCast(p, to: UInt.self))"))
        // A pointer result from a vector per side: null on both, or the same offset from each.
        let drop = test("tv_fx_vec_drop")
        #expect(drop.contains("(unsafeBitCast(r, to: UInt.self) == 0) == (unsafeBitCast(p, to: UInt.self) == 0) && (unsafeBitCast(r, to: UInt.self) == 0 || unsafeBitCast(r, to: UInt.self) &- unsafeBitCast(s0, to: UInt.self) == unsafeBitCast(p, to: UInt.self) &- unsafeBitCast(c0, to: UInt.self))"), "\(drop)")
        // A `for` header: one table for both sides, the rows each loop visits, in order.
        let each = test("tv_fx_table_foreach")
        #expect(each.contains("let c0 = s0"), "\(each)")
        #expect(each.contains("Tv.fx_table_foreach(s0) { swiftSeen.append(unsafeBitCast($0, to: UInt.self)) }"))
        #expect(each.contains("cne_bindgen_probe_fm_tv_fx_table_foreach(c0, { element, context in"))
        #expect(each.contains("#expect(swiftSeen == cSeen)"))
        #expect(each.contains("#expect(!swiftSeen.isEmpty, "), "two empty walks prove nothing")
        // Read through a pointer computed from the argument: with the entry matched by name.
        #expect(test("tv_fx_vec_len").contains("let r = Tv.fx_vec_len(s0)"))
        let probes = file("include/CTvProbes.h")
        #expect(probes.contains("/* testValues entry 2, line 15 of the config */\nstatic inline fx_table_t *cne_bindgen_probe_tv_tv_fx_table_rows_0(void) { return (fx_table_new(4)); }"), "\(probes)")
        #expect(probes.contains("static inline void cne_bindgen_probe_tr_tv_fx_table_rows_0(fx_table_t *v) { fx_table_free(v); }"))
        #expect(probes.contains("static inline const char *cne_bindgen_probe_tv_tv_fx_table_find_row_1(void) { return (\"row\"); }"))
        #expect(probes.contains("#include <stdlib.h>\nstatic inline void *fx_test_vector(void)"), "testSupport comes first, verbatim")
    }

    @Test func aParameterWithoutEntryKeepsTheMacroReferencedAndSaysWhich() {
        let col = test("tv_fx_table_find_col")
        #expect(col.contains("// Not called, it calls `fx_table_find`"), "\(col)")
        #expect(col.contains("; `testValues` gives no `n` (`const char *`): taken as a value only."))
        #expect(file("SKIPPED.md").contains("| `fx_table_find_col` | calls `fx_table_find`, a function of the library: it needs objects or identifiers the library made, which the test's scratch memory is not; `testValues` gives no `n` (`const char *`) |"))
    }

    @Test func anEntryNoTestUsesIsAWarningAtItsLine() throws {
        let warnings = result.diagnostics.filter { $0.severity == .warning && $0.message.hasPrefix("testValues entry") }
        #expect(warnings.count == 1, "\(warnings)")
        #expect(warnings.first?.message.contains("testValues entry 5 (type 'double') gives no argument") == true)
        #expect(warnings.first?.location?.line == 18)
        var config = try ConfigLoader.load(path: Fixtures.config("testvalues"))
        config.outputs.layoutTests = nil
        let none = try Generator.run(config).diagnostics.filter { $0.severity == .warning && $0.message.hasPrefix("testValues") }
        #expect(none.map(\.message) == ["testValues has no effect: the config generates no tests (outputs.layoutTests is not set)"])
    }

    @Test func withoutTestValuesNothingChanges() throws {
        var config = try ConfigLoader.load(path: Fixtures.config("testvalues"))
        config.testValues = []
        let plain = try Generator.run(config)
        let text = plain.files.first { $0.path == "MacroFunctionTests.swift" }?.contents ?? ""
        #expect(!text.contains("cne_bindgen_probe_tv_"))
        #expect(text.components(separatedBy: "// Not called").count - 1 == 6, "every macro of the fixture needs the library's objects")
        #expect(plain.files.first { $0.path == "SKIPPED.md" }?.contents.contains("; `testValues` gives no") == false, "no hint when the config uses none")
    }

    @Test func suggestPrintsTheEntriesStillMissing() throws {
        let text = SuggestionRenderer.render(result.plan)
        #expect(text.contains("// 1 macros are bridged but only referenced by the generated tests"), "\(text)")
        #expect(text.contains("// const char *: fx_table_find_col\n{\"type\": \"const char *\", \"value\": \"\"}"))
        var config = try ConfigLoader.load(path: Fixtures.config("testvalues"))
        config.testValues = []
        let none = SuggestionRenderer.render(try Generator.run(config).plan)
        #expect(none.contains("// fx_table_t *: fx_table_find_col, fx_table_find_row, fx_table_foreach, fx_table_rows"), "\(none)")
        #expect(none.contains("// parameter v: fx_vec_drop, fx_vec_len") == false, "a pointer is matched by type")
        #expect(none.contains("// const void *: fx_vec_drop, fx_vec_len"))
        // Pasted with values, they parse as the config's testValues (an empty value does not).
        let dir = try Fixtures.scratch()
        let skeleton = none.split(separator: "\n").filter { $0.hasPrefix("{") }.joined(separator: "\n")
        let path = try Fixtures.writeConfig(#"{"entryHeaders": ["x.h"], "outputs": {"cModule": "c", "swiftModule": "s"}, "testValues": [\#(skeleton)]}"#, in: dir)
        #expect(throws: BindgenFailure.self) { try ConfigLoader.load(path: path) }
        try Data(String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self).replacingOccurrences(of: #""value": """#, with: #""value": "0""#).utf8).write(to: URL(fileURLWithPath: path))
        #expect(try ConfigLoader.load(path: path).testValues.count == 3)
    }

    @Test func typeSpellingsMatchWhateverTheSpacing() {
        #expect(TestValueConfig.normalized("const char*") == "const char *")
        #expect(TestValueConfig.normalized("char * *") == "char **")
        #expect(TestValueConfig.normalized("  unsigned   int ") == "unsigned int")
        #expect(TestValueConfig.normalized("int*const") == TestValueConfig.normalized("int * const"))
        #expect(TestValueConfig.normalized("fx_table_t*") == "fx_table_t *")
    }

    @Test func badEntriesAreErrorsAtTheirPlace() throws {
        let dir = try Fixtures.scratch()
        let entries = [
            (#"{"value": "1"}"#, "testValues entry needs 'type' or 'parameter'"),
            (#"{"type": "int"}"#, "testValues entry is missing required key 'value'"),
            (#"{"type": "int", "value": " "}"#, "'value' must be a C expression, found an empty string"),
            (#"{"type": "int", "value": "1", "release": "free(x)"}"#, "'release' must name a C function or macro taking the value, found 'free(x)'"),
            (#"{"parameter": "a b", "value": "1"}"#, "'parameter' must be a C identifier, found 'a b'"),
            (#"{"type": "int", "value": "1", "macros": ["("]}"#, "bad regex '('"),
            (#"{"type": "int", "value": "1", "free": "x"}"#, "unknown key 'free' in testValues entry"),
        ]
        for (entry, message) in entries {
            let path = try Fixtures.writeConfig(#"{"entryHeaders": ["x.h"], "outputs": {"cModule": "c", "swiftModule": "s"},"# + "\n" + #""testValues": [\#(entry)]}"#, in: dir)
            do {
                _ = try ConfigLoader.load(path: path)
                Issue.record("\(entry) was accepted")
            } catch {
                let d = try #require(error.diagnostics.first { $0.message.contains(message) }, "\(entry): \(error.diagnostics)")
                #expect(d.location?.line == 2, "\(entry): \(d)")
            }
        }
    }

    /// The generated tests type-check against the generated modules (Swift 6): the made values'
    /// types are the Swift functions' parameter types, and each comparison compiles.
    @Test func generatedTestsTypeCheck() throws {
        let swiftc = ["/opt/swift/usr/bin/swiftc", "/usr/bin/swiftc"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let compiler = try #require(swiftc)
        let dir = try Fixtures.written("testvalues")
        func swiftFiles(_ d: String) throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent(d).path).filter { $0.hasSuffix(".swift") }.map { dir.appendingPathComponent("\(d)/\($0)").path }
        }
        let include = ["-I", dir.appendingPathComponent("C/include").path, "-Xcc", "-I", "-Xcc", Fixtures.root.appendingPathComponent("Fixtures/testvalues/api").path]
        let module = try CompileShimsTests.run(compiler, [
            "-emit-module", "-parse-as-library", "-swift-version", "6", "-module-name", "Tv", "-emit-module-path", dir.appendingPathComponent("Tv.swiftmodule").path,
        ] + include + swiftFiles("S"))
        #expect(module.status == 0, "\(module.stderr)")
        let tests = try CompileShimsTests.run(compiler, ["-typecheck", "-parse-as-library", "-swift-version", "6", "-I", dir.path] + include + swiftFiles("T"))
        #expect(tests.status == 0, "\(tests.stderr)")
    }

    /// The probes with the values compile with -Wall -Wextra -Werror.
    @Test(arguments: CompileShimsTests.compilers) func generatedProbesCompileCleanly(compiler: String) throws {
        let dir = try Fixtures.written("testvalues")
        let probes = dir.appendingPathComponent("probes.c")
        try Data("#include \"CTvProbes.h\"\n".utf8).write(to: probes)
        let compiled = try CompileShimsTests.run(compiler, [
            "-std=gnu11", "-Wall", "-Wextra", "-Werror", "-c", probes.path, "-I", dir.appendingPathComponent("C/include").path,
            "-I", Fixtures.root.appendingPathComponent("Fixtures/testvalues/api").path, "-o", dir.appendingPathComponent("out.o").path,
        ])
        #expect(compiled.status == 0, "\(compiled.stderr)")
    }
}
