import ArgumentParser
import BindgenCore
import Foundation

/// `cne-bindgen generate`: regenerates the output directories.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Regenerate the output directories (atomically).")

    @OptionGroup var options: ConfigOptions

    func run() throws {
        let start = ContinuousClock.now
        let result = try Console.guarded { () throws(BindgenFailure) in
            let config = try options.loadConfig()
            let result = try Generator.run(config)
            try OutputWriter.write(result.files, config: config)
            return result
        }
        Console.print(result.diagnostics, verbose: options.verbose)
        let skips = result.diagnostics.filter { $0.skip != nil }.count
        let elapsed = ContinuousClock.now - start
        print("cne-bindgen: wrote \(result.files.count) files; \(skips) declarations skipped (see SKIPPED.md) in \(elapsed.formatted(.units(allowed: [.milliseconds])))")
    }
}

/// `cne-bindgen check`: fails when the committed output is stale.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Exit 1 with a diff if the committed output is stale.")

    @OptionGroup var options: ConfigOptions

    func run() throws {
        let diff = try Console.guarded { () throws(BindgenFailure) in
            let config = try options.loadConfig()
            return try OutputWriter.staleness(Generator.run(config).files, config: config)
        }
        guard diff.isEmpty else {
            print(diff, terminator: "")
            Console.error("cne-bindgen: the generated files are stale; run `cne-bindgen generate --config \(options.config)` and commit the result.")
            throw ExitCode(1)
        }
        print("cne-bindgen: generated files are up to date")
    }
}

/// `cne-bindgen dump`: prints the API manifest.
struct Dump: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the deterministic JSON API manifest.")

    @OptionGroup var options: ConfigOptions

    @Option(name: .shortAndLong, help: "Write the manifest here instead of standard output.")
    var output: String?

    func run() throws {
        let json = try Console.guarded { () throws(BindgenFailure) in
            let config = try options.loadConfig()
            return APIManifest(plan: try Generator.run(config).plan).json()
        }
        if let output {
            try Data(json.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } else {
            print(json, terminator: "")
        }
    }
}

/// How `diff` reads a header tree given instead of a manifest.
struct TreeOptions: ParsableArguments {
    @Option(name: .long, help: "The generator's config file, read only when OLD or NEW is a header tree.")
    var config: String = "cne-bindgen.json"

    @Option(name: .customLong("entry-header"), help: "Replaces the config's entryHeaders for header trees (repeatable).")
    var entryHeaders: [String] = []

    @Option(name: .customLong("symbols"), help: "Checks a header tree's prototypes against this library, object or directory (repeatable; default: no check).")
    var symbols: [String] = []

    @Flag(name: .long, help: "Print the header trees' diagnostics (skips and warnings).")
    var verbose = false

    /// The config file, with `--entry-header` applied.
    func loadConfig() throws(BindgenFailure) -> BindgenConfig {
        var config = try ConfigLoader.load(path: config)
        if !entryHeaders.isEmpty { config.entryHeaders = entryHeaders }
        return config
    }
}

/// `cne-bindgen diff OLD NEW`: compares two manifests, header trees, or one of each.
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare two API manifests or header trees.",
        discussion: """
            OLD and NEW are each a manifest (cne-bindgen dump) or a directory laid out like a CNDP \
            include dir, whose manifest is built with --config, the directory as the include path \
            and cne_build_config.h first when present.

            Exit status: 0 no change, 1 additions only, 2 an ABI break (layout or signature), 3 bad input.
            """
    )

    @OptionGroup var options: TreeOptions

    @Argument(help: "The old manifest or header tree.") var old: String
    @Argument(help: "The new manifest or header tree.") var new: String

    func run() throws {
        let (diff, diagnostics) = try Console.guarded { () throws(BindgenFailure) in
            try ManifestDiff.compare(old: old, new: new, symbolSources: options.symbols.map(absolute), treeConfig: options.loadConfig)
        }
        if options.verbose { Console.print(diagnostics, verbose: true) }
        print(diff.report, terminator: "")
        if diff.exitStatus != 0 { throw ExitCode(diff.exitStatus) }
    }
}
