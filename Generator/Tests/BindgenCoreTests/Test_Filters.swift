import BindgenCore
import Foundation
import Testing

/// Filters that hold (a blocked declaration is not reachable from Swift through the generated
/// module) and the API's own headers (a header in /usr/include does not make glibc API).
@Suite struct FilterTests {
    let support = GeneralDefectsTests()

    func filtersConfig(in dir: URL) throws -> BindgenConfig {
        try support.config(["gx_filters.h"], extra: """
            "block": { "functions": ["gx_blocked"], "vars": ["gx_blocked_var"], "types": ["gx_hidden.*"], "macros": ["GX_MACRO_BLOCKED", "GX_MODE_BLOCKED"] },
            """, in: dir)
    }

    /// Typechecks `source` as a client of the generated C module.
    func client(_ source: String, config: BindgenConfig, in dir: URL) throws -> (status: Int32, stderr: String) {
        let file = dir.appendingPathComponent("client.swift")
        try Data(("import \(config.cModuleName)\n" + source).utf8).write(to: file)
        return try CompileShimsTests.run(GeneralDefectsTests.swiftc, ["-typecheck", "-I", config.outputs.cModule + "/include",
            "-Xcc", "-I" + GeneralDefectsTests.fixtures, file.path])
    }

    @Test func blockedDeclarationsAreUnavailableInSwift() throws {
        let dir = try Fixtures.scratch()
        let config = try filtersConfig(in: dir)
        let result = try Generator.run(config)
        try OutputWriter.write(result.files, config: config)
        #expect(result.plan.blocked.functions == ["gx_blocked"])
        #expect(result.plan.blocked.tags == ["gx_hidden"])

        let allowed = try client("_ = gx_ok(1); let v = gx_visible(a: 1); _ = v; _ = GX_MACRO_OK; _ = GX_MODE_ON\n", config: config, in: dir)
        #expect(allowed.status == 0, "\(allowed.stderr)")
        for use in ["_ = gx_blocked(1)", "_ = gx_blocked_var", "let h = gx_hidden(b: 1); _ = h", "let t: gx_hidden_t = 0; _ = t", "_ = GX_MACRO_BLOCKED", "_ = GX_MODE_BLOCKED"] {
            let rejected = try client(use + "\n", config: config, in: dir)
            #expect(rejected.status != 0, "\(use) must not compile")
            #expect(rejected.stderr.contains("unavailable in Swift") || rejected.stderr.contains("cannot find"), "\(use): \(rejected.stderr)")
        }
    }

    @Test func aSystemIncludePathIsNotAPI() throws {
        let dir = try Fixtures.scratch()
        let path = try Fixtures.writeConfig("""
            {
                "entryHeaders": ["gx_filters.h"],
                "includePaths": ["/usr/include", "\(GeneralDefectsTests.fixtures)"],
                "outputs": { "cModule": "out/C", "swiftModule": "out/S" }
            }
            """, in: dir)
        let names = Set(try Generator.run(try ConfigLoader.load(path: path)).plan.model.functions.map(\.name))
        #expect(names.contains("gx_ok"))
        #expect(!names.contains("printf"), "glibc's <stdio.h> is not the library's API")
    }

    @Test func apiHeadersNarrowTheAPI() throws {
        let dir = try Fixtures.scratch()
        let config = try support.config(["gx_filters.h", "gx_variadic.h"], extra: "\"apiHeaders\": [\"\(GeneralDefectsTests.fixtures)/gx_variadic.h\"],", in: dir)
        let names = Set(try Generator.run(config).plan.model.functions.map(\.name))
        #expect(names == ["gx_exec", "gx_spawn", "gx_log", "gx_report"])
    }
}
