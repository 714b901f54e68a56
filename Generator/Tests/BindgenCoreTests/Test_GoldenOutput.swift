import BindgenCore
import Foundation
import Testing

/// The fixture headers (one construct each) against their golden outputs.
@Suite struct GoldenOutputTests {
    @Test func constructsMatchGoldens() throws {
        let result = try Fixtures.generate("constructs")
        let manifest = APIManifest(plan: result.plan).json()
        var files = result.files.map { ("\($0.root.rawValue)/\($0.path)", $0.contents) }
        files.append(("manifest.json", manifest))
        let expected = Fixtures.expected("constructs")
        if Fixtures.overwrite {
            try? FileManager.default.removeItem(at: expected)
            for (path, contents) in files {
                let url = expected.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(contents.utf8).write(to: url)
            }
        }
        let goldenPaths = (FileManager.default.enumerator(atPath: expected.path)?.allObjects as? [String] ?? [])
            .filter { !$0.hasSuffix("/") && !(FileManager.default.fileExists(atPath: expected.appendingPathComponent($0).path, isDirectory: nil) && isDirectory(expected.appendingPathComponent($0))) }
        #expect(Set(goldenPaths) == Set(files.map(\.0)), "the set of generated files changed; rerun with CNE_BINDGEN_OVERWRITE_EXPECTED=1 and review the diff")
        for (path, contents) in files {
            let golden = (try? String(contentsOf: expected.appendingPathComponent(path), encoding: .utf8)) ?? "<missing>"
            #expect(golden == contents, "\(path) differs from its golden; rerun with CNE_BINDGEN_OVERWRITE_EXPECTED=1 and review `git diff`")
        }
    }

    private func isDirectory(_ url: URL) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) && isDir.boolValue
    }

    @Test func generationIsDeterministic() throws {
        let first = try Fixtures.generate("constructs")
        let second = try Fixtures.generate("constructs")
        #expect(first.files == second.files)
        #expect(APIManifest(plan: first.plan).json() == APIManifest(plan: second.plan).json())
    }
}
