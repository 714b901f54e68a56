import ArgumentParser
import BindgenCore
import Foundation

/// `cne-bindgen`: generates the CCNESys/CNESys modules from the CNDP headers.
@main
struct CNEBindgen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cne-bindgen",
        abstract: "Generates a C module and a Swift module (bindings) for a C library's headers.",
        subcommands: [Generate.self, Check.self, Dump.self, Diff.self, Stats.self, Suggest.self]
    )
}

/// Options every subcommand that reads the headers shares.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: "The generator's config file.")
    var config: String = "cne-bindgen.json"

    @Flag(name: .long, help: "Print every skip note, not only the summary.")
    var verbose = false

    @Option(name: .customLong("include-path"), help: "Replaces the config's includePaths (repeatable).")
    var includePaths: [String] = []

    @Option(name: .customLong("entry-header"), help: "Replaces the config's entryHeaders (repeatable).")
    var entryHeaders: [String] = []

    @Option(name: .customLong("symbols"), help: "Replaces the config's symbolSources (repeatable): a library, object or directory read with nm.")
    var symbols: [String] = []

    @Flag(name: .customLong("no-symbols"), help: "Check no symbols (ignore the config's symbolSources).")
    var noSymbols = false

    @Option(name: .customLong("swiftpm-layout"), help: "Replaces the config's outputs with the targets of a SwiftPM package at this directory: Sources/<C module>, Sources/<Swift module>, Tests/<Swift module>Tests (when the config has layoutTests).")
    var swiftPMLayout: String?

    /// The config file with the command-line overrides applied; outputs stay where the config puts them.
    func loadConfig() throws(BindgenFailure) -> BindgenConfig {
        var config = try ConfigLoader.load(path: config)
        if !includePaths.isEmpty { config.includePaths = includePaths.map(absolute) }
        if !entryHeaders.isEmpty { config.entryHeaders = entryHeaders }
        if !symbols.isEmpty { config.symbolSources = symbols.map(absolute) }
        if noSymbols { config.symbolSources = [] }
        if let swiftPMLayout {
            config.outputs = .swiftPMLayout(root: absolute(swiftPMLayout), cModuleName: config.cModuleName, swiftModuleName: config.swiftModuleName, tests: config.outputs.layoutTests != nil)
        }
        return config
    }
}

/// A command-line path made absolute against the working directory.
func absolute(_ path: String) -> String {
    let cwd = FileManager.default.currentDirectoryPath
    return path.hasPrefix("/") ? path : URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: cwd + "/")).standardizedFileURL.path
}

/// Prints diagnostics to standard error.
enum Console {
    static func print(_ diagnostics: [Diagnostic], verbose: Bool) {
        for d in diagnostics where verbose || d.severity != .note {
            FileHandle.standardError.write(Data((d.description + "\n").utf8))
        }
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Runs a body, printing a failure's diagnostics and exiting non-zero.
    static func guarded<T>(_ body: () throws(BindgenFailure) -> T) throws(ExitCode) -> T {
        do { return try body() } catch {
            print(error.diagnostics, verbose: true)
            throw ExitCode(3)
        }
    }
}
