import BindgenCore
import Foundation
import Testing

/// Bad input gives located errors, never a crash or partial output.
@Suite struct BadInputTests {
    let broken = Fixtures.root.appendingPathComponent("Fixtures/broken").path

    func failure(_ body: () throws -> Void) -> BindgenFailure? {
        do { try body() } catch let f as BindgenFailure { return f } catch { Issue.record("unexpected error \(error)") }
        return nil
    }

    func config(headers: [String], extra: String = "", in dir: URL) throws -> String {
        let list = headers.map { "\"\($0)\"" }.joined(separator: ", ")
        return try Fixtures.writeConfig("""
            {
                "entryHeaders": [\(list)],
                "includePaths": ["\(broken)"],
                \(extra)
                "outputs": { "cModule": "out/C", "swiftModule": "out/S" }
            }
            """, in: dir)
    }

    @Test func headerThatDoesNotParse() throws {
        let dir = try Fixtures.scratch()
        let path = try config(headers: ["syntax.h"], in: dir)
        let f = try #require(failure { _ = try Generator.run(try ConfigLoader.load(path: path)) })
        let located = f.diagnostics.first { $0.location?.file.hasSuffix("syntax.h") == true }
        #expect(located?.location?.line == 2)
        #expect(located?.location?.column ?? 0 > 0)
        #expect(f.diagnostics.allSatisfy { $0.severity == .error })
    }

    @Test func missingInclude() throws {
        let dir = try Fixtures.scratch()
        let path = try config(headers: ["missing.h"], in: dir)
        let f = try #require(failure { _ = try Generator.run(try ConfigLoader.load(path: path)) })
        let d = try #require(f.diagnostics.first)
        #expect(d.message.contains("does_not_exist.h"))
        #expect(d.location?.file.hasSuffix("missing.h") == true)
        #expect(d.location?.line == 1)
        #expect(d.location?.column == 10)
    }

    @Test func missingEntryHeaderPointsAtTheConfig() throws {
        let dir = try Fixtures.scratch()
        let path = try config(headers: ["nope.h"], in: dir)
        let f = try #require(failure { _ = try Generator.run(try ConfigLoader.load(path: path)) })
        #expect(f.diagnostics.first?.location?.file == path)
    }

    @Test func badRegex() throws {
        let dir = try Fixtures.scratch()
        let path = try config(headers: ["missing.h"], extra: "\"allow\": { \"functions\": [\"ok_.+\", \"bad(\"] },", in: dir)
        let f = try #require(failure { _ = try ConfigLoader.load(path: path) })
        let d = try #require(f.diagnostics.first)
        #expect(d.message.contains("bad regex 'bad('"))
        let line = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)[3]
        let column = line.distance(from: line.startIndex, to: line.range(of: "\"bad(\"")!.lowerBound) + 1
        #expect(d.location == SourceLocation(file: path, line: 4, column: column))
    }

    @Test func unknownKey() throws {
        let dir = try Fixtures.scratch()
        let path = try config(headers: ["missing.h"], extra: "\"entryHeader\": [],", in: dir)
        let f = try #require(failure { _ = try ConfigLoader.load(path: path) })
        #expect(f.diagnostics.map(\.description) == ["\(path):4:5: error: unknown key 'entryHeader' in the config"])
    }

    @Test func badFunctionMacroEntryPointsAtItself() throws {
        let dir = try Fixtures.scratch()
        let constructs = Fixtures.root.appendingPathComponent("Fixtures/constructs").path
        let text = """
            {
                "entryHeaders": ["fx_macros.h"],
                "includePaths": ["\(constructs)"],
                "functionMacros": [
                    {"name": "FX_FN", "returns": "int", "parameters": ["int x"]},
                      {"name": "FX_UNBRIDGED", "returns": "no_such_type", "parameters": ["int x"]},
                    {"name": "FX_FIELD", "returns": "uint32_t", "parameters": ["int s"], "expression": "FX_FIELD(s)"}
                ],
                "outputs": { "cModule": "out/C", "swiftModule": "out/S" }
            }
            """
        let path = try Fixtures.writeConfig(text, in: dir)
        let f = try #require(failure { _ = try Generator.run(try ConfigLoader.load(path: path)) })
        let byName = Dictionary(grouping: f.diagnostics) { $0.message.split(separator: "'").dropFirst().first.map(String.init) ?? "" }
        #expect(byName["FX_UNBRIDGED"]?.first?.location == SourceLocation(file: path, line: 6, column: 11))
        #expect(byName["FX_FIELD"]?.first?.location == SourceLocation(file: path, line: 7, column: 9), "a bad expression is located too")
        #expect(byName["FX_FN"] == nil)
    }

    @Test func malformedJSON() throws {
        let f = try #require(failure { _ = try ConfigLoader.parse("{\n  \"a\": [1,\n}", path: "x.json") })
        #expect(f.diagnostics.first?.location == SourceLocation(file: "x.json", line: 3, column: 1))
    }

    @Test func failedRunLeavesOldOutputUntouched() throws {
        let dir = try Fixtures.scratch()
        let good = try ConfigLoader.load(path: Fixtures.config("api_v1"))
        var config = good
        config.outputs = OutputConfig(cModule: dir.appendingPathComponent("C").path, swiftModule: dir.appendingPathComponent("S").path, layoutTests: nil)
        try OutputWriter.write(try Generator.run(config).files, config: config)
        let before = try String(contentsOfFile: dir.appendingPathComponent("C/shims.c").path, encoding: .utf8)
        config.entryHeaders = ["does_not_exist.h"]
        #expect(throws: BindgenFailure.self) { try OutputWriter.write(try Generator.run(config).files, config: config) }
        #expect(try String(contentsOfFile: dir.appendingPathComponent("C/shims.c").path, encoding: .utf8) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(leftovers == ["C", "S"])
    }

    @Test func refusesToReplaceForeignDirectories() throws {
        let dir = try Fixtures.scratch()
        var config = try ConfigLoader.load(path: Fixtures.config("api_v1"))
        config.outputs = OutputConfig(cModule: dir.path, swiftModule: dir.appendingPathComponent("S").path, layoutTests: nil)
        try Data("hand-written".utf8).write(to: dir.appendingPathComponent("mine.c"))
        #expect(throws: BindgenFailure.self) { try OutputWriter.write(try Generator.run(config).files, config: config) }
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("mine.c").path))
    }
}
