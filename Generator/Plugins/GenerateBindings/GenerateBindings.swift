import Foundation
import PackagePlugin

/// `swift package generate-bindings [--config FILE] [cne-bindgen generate options]`: runs
/// `cne-bindgen generate` for a package, with its config file (default: `cne-bindgen.json` in
/// the package's root directory). Relative paths in the config resolve against the config's
/// directory, as with the command-line tool.
@main
struct GenerateBindings: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let tool = try context.tool(named: "cne-bindgen")
        var arguments = arguments
        if !arguments.contains("--config") {
            let config = context.package.directoryURL.appendingPathComponent("cne-bindgen.json").path
            guard FileManager.default.fileExists(atPath: config) else {
                Diagnostics.error("no --config given and \(config) does not exist")
                return
            }
            arguments = ["--config", config] + arguments
        }
        let process = Process()
        process.executableURL = tool.url
        process.arguments = ["generate"] + arguments
        process.currentDirectoryURL = context.package.directoryURL
        try process.run()
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            Diagnostics.error("cne-bindgen generate exited with status \(process.terminationStatus)")
        }
    }
}
