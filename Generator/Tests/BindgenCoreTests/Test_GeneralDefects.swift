@testable import BindgenCore
import Foundation
import Testing

/// Regression tests of issue 12's defects 6-9 and issue 9's unnamed member types and SIMD
/// features, on the `general` fixture headers, compiled with the toolchain's clang and swiftc.
@Suite struct GeneralDefectsTests {
    static let fixtures = Fixtures.root.appendingPathComponent("Fixtures/general").path
    static let clang = CompileShimsTests.compilers.first ?? "/opt/swift/usr/bin/clang"
    static let swiftc = ["/opt/swift/usr/bin/swiftc", "/usr/bin/swiftc"].first { FileManager.default.isExecutableFile(atPath: $0) } ?? "swiftc"

    /// A config over the fixture headers, outputs in `dir`.
    func config(_ headers: [String], extra: String = "", layoutTests: Bool = false, in dir: URL) throws -> BindgenConfig {
        let list = headers.map { "\"\($0)\"" }.joined(separator: ", ")
        let tests = layoutTests ? ", \"layoutTests\": \"out/T\"" : ""
        let path = try Fixtures.writeConfig("""
            {
                "entryHeaders": [\(list)],
                "includePaths": ["\(Self.fixtures)"],
                \(extra)
                "outputs": { "cModule": "out/C", "swiftModule": "out/S"\(tests) }
            }
            """, in: dir)
        return try ConfigLoader.load(path: path)
    }

    func failure(_ body: () throws -> Void) -> BindgenFailure? {
        do { try body() } catch let f as BindgenFailure { return f } catch { Issue.record("unexpected error \(error)") }
        return nil
    }

    /// Typechecks the generated Swift module against its C module with swiftc.
    func typecheckSwift(_ config: BindgenConfig, extra: [String] = []) throws -> (status: Int32, stderr: String) {
        let swiftFiles = try FileManager.default.contentsOfDirectory(atPath: config.outputs.swiftModule).filter { $0.hasSuffix(".swift") }
            .map { config.outputs.swiftModule + "/" + $0 }
        return try CompileShimsTests.run(Self.swiftc, ["-typecheck", "-parse-as-library", "-module-name", config.swiftModuleName,
            "-I", config.outputs.cModule + "/include", "-Xcc", "-I" + Self.fixtures] + swiftFiles + extra)
    }

    // MARK: defect 6 and issue 9: probes, unnamed member types

    @Test func probesHeaderCompilesWithOnlyStdint() throws {
        let dir = try Fixtures.scratch()
        let config = try config(["gx_queue.h"], layoutTests: true, in: dir)
        try OutputWriter.write(try Generator.run(config).files, config: config)
        let user = dir.appendingPathComponent("probes.c")
        try Data("#include \"\(config.cModuleName)Probes.h\"\n".utf8).write(to: user)
        let compiled = try CompileShimsTests.run(Self.clang, ["-std=gnu11", "-fsyntax-only", "-Wall", "-Werror", "-I", config.outputs.cModule + "/include", "-I", Self.fixtures, user.path])
        #expect(compiled.status == 0, "size_t needs <stddef.h>: \(compiled.stderr)")
    }

    @Test func unnamedStructAndUnionMembersHaveATypeAndCompile() throws {
        let dir = try Fixtures.scratch()
        let config = try config(["gx_queue.h"], layoutTests: true, in: dir)
        let result = try Generator.run(config)
        try OutputWriter.write(result.files, config: config)
        let node = try #require(result.plan.views.first { $0.record.name == "gx_node" })
        #expect(node.accessors.map(\.field.name) == ["next", "value"])
        #expect(node.accessors.first?.kind == .unnamedRecord)
        let list = try #require(result.plan.views.first { $0.record.name == "gx_list" })
        #expect(list.accessors.map(\.field.name) == ["head", "tag", "count"])
        let view = try String(contentsOfFile: config.outputs.swiftModule + "/GxNodeView.swift", encoding: .utf8)
        #expect(view.contains("public var next: UnsafeMutableRawPointer {"))
        let checked = try typecheckSwift(config)
        #expect(checked.status == 0, "\(checked.stderr)")
    }

    // MARK: issue 9: SIMD target features from the headers

    @Test func simdFeaturesComeFromTheIntrinsics() throws {
        let dir = try Fixtures.scratch()
        let config = try config(["gx_avx512.h"], in: dir)
        let result = try Generator.run(config)
        try OutputWriter.write(result.files, config: config)
        #expect(result.plan.simdWrappers.map(\.name) == ["gx_copy64"])
        #expect(result.plan.simdTargetFeatures.split(separator: ",").contains("avx512f"), "\(result.plan.simdTargetFeatures)")
        for file in ["shims.c", "simd_avx512f.c"] {
            let compiled = try CompileShimsTests.run(Self.clang, ["-std=gnu11", "-O0", "-c", config.outputs.cModule + "/" + file, "-I", config.outputs.cModule + "/include", "-I", Self.fixtures, "-o", dir.appendingPathComponent("\(file).o").path])
            #expect(compiled.status == 0, "no -march: \(file): \(compiled.stderr)")
        }

        // A configured list is for wrappers whose intrinsics declare no features; this one's
        // own needs (avx512f) still apply.
        var fixed = config
        fixed.simdTargetFeatures = "ssse3"
        fixed.simdTargetFeaturesConfigured = true
        #expect(try Generator.run(fixed).plan.simdWrapperFeatures["gx_copy64"]?.contains("avx512f") == true)
    }

    /// Issue 12: the SIMD target pragma covered the whole of shims.c, so with an AVX-512 wrapper
    /// in the headers every shim (an SSSE3 wrapper, a macro's shim and the header functions it
    /// calls) was compiled for AVX-512 and could fault on a machine without it. Each wrapper is
    /// now compiled, in its own file, for its own features; shims.c for the default target. The
    /// LLVM IR's per-function `target-features` show what each function may use.
    @Test func simdTargetFeaturesAreScopedToTheirWrappers() throws {
        let dir = try Fixtures.scratch()
        let config = try config(["gx_avx512.h", "gx_sse.h"], in: dir)
        let result = try Generator.run(config)
        try OutputWriter.write(result.files, config: config)
        let sseFeatures = try #require(result.plan.simdWrapperFeatures["gx_reverse16"])
        #expect(sseFeatures.split(separator: ",").contains("ssse3") && !sseFeatures.contains("avx"), "\(sseFeatures)")
        #expect(result.plan.simdWrapperFeatures["gx_copy64"]?.contains("avx512f") == true)
        let files = try FileManager.default.contentsOfDirectory(atPath: config.outputs.cModule).filter { $0.hasSuffix(".c") }.sorted()
        let sseFile = "simd_" + sseFeatures.replacingOccurrences(of: ",", with: "_").replacingOccurrences(of: ".", with: "_") + ".c"
        #expect(files == ["shims.c", "simd_avx512f.c", sseFile], "\(files)")
        #expect(!(try String(contentsOfFile: config.outputs.cModule + "/shims.c", encoding: .utf8)).contains("target("))
        func ir(_ file: String) throws -> String {
            let out = dir.appendingPathComponent("\(file).ll").path
            let compiled = try CompileShimsTests.run(Self.clang, ["-std=gnu11", "-O2", "-S", "-emit-llvm", config.outputs.cModule + "/" + file, "-I", config.outputs.cModule + "/include", "-I", Self.fixtures, "-o", out])
            #expect(compiled.status == 0, "\(file): \(compiled.stderr)")
            return (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
        }
        let prefix = result.plan.config.shimPrefix
        let shims = try ir("shims.c")
        #expect(shims.contains("@\(prefix)GX_SUM("), "the macro's shim is in shims.c")
        func features(_ ir: String) -> [Substring] { ir.split(separator: "\n").filter { $0.contains("\"target-features\"") } }
        #expect(!features(shims).isEmpty && !features(shims).contains { $0.contains("+avx512") }, "shims.c uses no AVX-512")
        let sse = try ir(sseFile)
        #expect(sse.contains("@\(prefix)gx_reverse16(") && sse.contains("+ssse3"))
        #expect(!features(sse).contains { $0.contains("+avx512") }, "the SSSE3 wrapper uses no AVX-512")
        let avx = try ir("simd_avx512f.c")
        #expect(avx.contains("@\(prefix)gx_copy64(") && avx.contains("+avx512f"))
    }

    // MARK: defect 7: variadic functions

    @Test func onlyPrintfLikeVariadicsAreWrapped() throws {
        let dir = try Fixtures.scratch()
        let result = try Generator.run(try config(["gx_variadic.h"], in: dir))
        #expect(result.plan.variadicWrappers.map(\.function.name).sorted() == ["gx_log", "gx_report"])
        #expect(result.diagnostics.contains { $0.symbol == "gx_exec" && $0.message.contains("sentinel") })
        #expect(result.diagnostics.contains { $0.symbol == "gx_spawn" && $0.skip == .unsupported })
    }

    @Test func glibcExecFunctionsAreNotWrapped() throws {
        let dir = try Fixtures.scratch()
        let path = try Fixtures.writeConfig("""
            {
                "entryHeaders": ["unistd.h", "stdio.h"],
                "includePaths": ["/usr/include"],
                "defines": ["_GNU_SOURCE"],
                "allow": { "functions": ["execl.*", "printf", "dprintf"], "types": ["none"], "vars": ["none"], "macros": ["none"] },
                "outputs": { "cModule": "out/C", "swiftModule": "out/S" }
            }
            """, in: dir)
        let result = try Generator.run(try ConfigLoader.load(path: path))
        let wrapped = Set(result.plan.variadicWrappers.map(\.function.name))
        #expect(wrapped.isDisjoint(with: ["execl", "execle", "execlp"]), "\(wrapped)")
        #expect(wrapped.isSuperset(of: ["printf", "dprintf"]), "\(wrapped)")
    }

    // MARK: defect 8: atomic output across the three directories

    @Test func failedSwapRestoresEveryDirectory() throws {
        let dir = try Fixtures.scratch()
        let old = try config(["gx_queue.h"], layoutTests: true, in: dir)
        try OutputWriter.write(try Generator.run(old).files, config: old)
        let snapshot = try snapshotOutputs(old)
        var new = old
        new.entryHeaders = ["gx_variadic.h"]
        let files = try Generator.run(new).files
        let f = try #require(failure { try OutputWriter.write(files, config: new, failingSwapAfter: 2) })
        #expect(f.diagnostics.first?.code == .outputWriteFailed)
        #expect(try snapshotOutputs(old) == snapshot, "every directory comes from the same (old) run")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("out").path).sorted() == ["C", "S", "T"])
    }

    @Test func readOnlyDirectoryIsNotReplaced() throws {
        let dir = try Fixtures.scratch()
        let config = try config(["gx_queue.h"], in: dir)
        try OutputWriter.write(try Generator.run(config).files, config: config)
        let snapshot = try snapshotOutputs(config)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: config.outputs.swiftModule)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: config.outputs.swiftModule) }
        var new = config
        new.entryHeaders = ["gx_variadic.h"]
        let f = try #require(failure { try OutputWriter.write(try Generator.run(new).files, config: new) })
        #expect(f.diagnostics.map(\.code).contains(.readOnlyOutput))
        #expect(try snapshotOutputs(config) == snapshot)
    }

    /// Every output file's path and contents.
    func snapshotOutputs(_ config: BindgenConfig) throws -> [String: String] {
        var result: [String: String] = [:]
        for dir in [config.outputs.cModule, config.outputs.swiftModule] + (config.outputs.layoutTests.map { [$0] } ?? []) {
            for item in FileManager.default.enumerator(atPath: dir)?.allObjects as? [String] ?? [] {
                if let data = FileManager.default.contents(atPath: dir + "/" + item) { result[dir + "/" + item] = String(decoding: data, as: UTF8.self) }
            }
        }
        return result
    }

    // MARK: defect 9: config checks

    @Test func overlappingOutputsAreATypedError() throws {
        let dir = try Fixtures.scratch()
        var config = try config(["gx_queue.h"], in: dir)
        config.outputs = OutputConfig(cModule: dir.appendingPathComponent("out").path, swiftModule: dir.appendingPathComponent("out/S").path, layoutTests: nil)
        let f = try #require(failure { try OutputWriter.write(try Generator.run(config).files, config: config) })
        #expect(f.diagnostics.first?.code == .overlappingOutputs)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path), "nothing written")
    }

    @Test func moduleNamesAndPrefixMustBeIdentifiers() throws {
        let dir = try Fixtures.scratch()
        let f = try #require(failure { _ = try config(["gx_queue.h"], extra: "\"swiftModuleName\": \"my module\", \"shimPrefix\": \"1x_\",", in: dir) })
        #expect(f.diagnostics.count >= 2)
        #expect(f.diagnostics.allSatisfy { $0.code == .invalidIdentifier })
        #expect(f.diagnostics.first { $0.message.contains("'my module'") }?.location?.line == 4)
    }

    @Test func missingIncludePathIsRejectedAtItsEntry() throws {
        let dir = try Fixtures.scratch()
        let path = try Fixtures.writeConfig("""
            {
                "entryHeaders": ["gx_queue.h"],
                "includePaths": ["\(Self.fixtures)", "no/such/dir"],
                "outputs": { "cModule": "out/C", "swiftModule": "out/S" }
            }
            """, in: dir)
        let f = try #require(failure { _ = try ConfigLoader.load(path: path) })
        #expect(f.diagnostics.first?.code == .missingPath)
        #expect(f.diagnostics.first?.location?.line == 3)
        #expect(f.diagnostics.first?.message.contains("no/such/dir") == true)
    }

    @Test func invalidUTF8IsRejectedWithItsLocation() throws {
        let dir = try Fixtures.scratch()
        let path = dir.appendingPathComponent("cne-bindgen.json").path
        var bytes = Array("{\n  \"entryHeaders\": [\"a".utf8)
        bytes += [0xFF, 0xFE]
        bytes += Array(".h\"],\n  \"outputs\": {\"cModule\": \"C\", \"swiftModule\": \"S\"}\n}\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let f = try #require(failure { _ = try ConfigLoader.load(path: path) })
        #expect(f.diagnostics.first?.code == .invalidUTF8)
        #expect(f.diagnostics.first?.location == SourceLocation(file: path, line: 2, column: 22))
    }

    // MARK: issue 12 item 4: neutral defaults

    @Test func defaultNamesComeFromTheFirstEntryHeader() throws {
        let dir = try Fixtures.scratch()
        let config = try config(["gx_queue.h"], in: dir)
        #expect(config.swiftModuleName == "GxQueue")
        #expect(config.cModuleName == "CGxQueue")
        #expect(config.shimPrefix == "cgxqueue_")
        let banner = try #require(Generator.run(config).files.first?.contents.split(separator: "\n").first)
        #expect(banner.contains("cne-bindgen generate --config"), "\(banner)")
        #expect(!banner.contains("make generate"))
    }
}
