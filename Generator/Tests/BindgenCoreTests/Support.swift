import BindgenCore
import Foundation

/// Paths of the fixtures and goldens, next to this file.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    static func config(_ name: String) -> String { root.appendingPathComponent("Fixtures/\(name)/cne-bindgen.json").path }

    static func expected(_ name: String) -> URL { root.appendingPathComponent("Expected/\(name)") }

    /// Set `CNE_BINDGEN_OVERWRITE_EXPECTED=1` to rewrite the goldens from the generator.
    static var overwrite: Bool { ProcessInfo.processInfo.environment["CNE_BINDGEN_OVERWRITE_EXPECTED"] == "1" }

    /// Runs the pipeline on a fixture.
    static func generate(_ name: String) throws -> GenerationResult {
        try Generator.run(try ConfigLoader.load(path: config(name)))
    }

    /// A fresh scratch directory.
    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cne-bindgen-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Generates a fixture into a fresh scratch directory, all three outputs there (`C`, `S`,
    /// `T`), for tests that compile what was written.
    static func written(_ name: String) throws -> URL {
        let dir = try scratch()
        var config = try ConfigLoader.load(path: Fixtures.config(name))
        config.outputs = OutputConfig(cModule: dir.appendingPathComponent("C").path, swiftModule: dir.appendingPathComponent("S").path, layoutTests: dir.appendingPathComponent("T").path)
        try OutputWriter.write(try Generator.run(config).files, config: config)
        return dir
    }

    /// Writes a config into `dir` and returns its path.
    static func writeConfig(_ text: String, in dir: URL) throws -> String {
        let path = dir.appendingPathComponent("cne-bindgen.json").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
}
