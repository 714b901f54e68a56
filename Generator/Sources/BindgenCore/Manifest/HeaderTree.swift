import Foundation

extension BindgenConfig {
    /// CNDP's build configuration, which its headers expect to be included first.
    public static let buildConfigHeader = "cne_build_config.h"

    /// This configuration applied to a header tree laid out like a CNDP include directory
    /// (`$CNDP_PREFIX/include/cndp`): the tree is the only include path and holds the entry
    /// headers, with `cne_build_config.h` first when the tree has it; `symbolSources` replace
    /// the config's (none: no symbol check). Outputs and filters stay the config's.
    public func forHeaderTree(_ directory: String, symbolSources: [String] = []) -> BindgenConfig {
        var config = self
        let tree = URL(fileURLWithPath: directory).standardizedFileURL.path
        config.includePaths = [tree]
        let buildConfig = Self.buildConfigHeader
        if FileManager.default.fileExists(atPath: tree + "/" + buildConfig) {
            config.entryHeaders = [buildConfig] + entryHeaders.filter { $0 != buildConfig }
        }
        config.symbolSources = symbolSources
        return config
    }
}

extension APIManifest {
    /// The manifest of a header tree (see `BindgenConfig.forHeaderTree`), built in memory, and
    /// the diagnostics of its generation run.
    public static func headerTree(
        _ directory: String, config: BindgenConfig, symbolSources: [String] = []
    ) throws(BindgenFailure) -> (manifest: APIManifest, diagnostics: [Diagnostic]) {
        let result = try Generator.run(config.forHeaderTree(directory, symbolSources: symbolSources))
        return (APIManifest(plan: result.plan), result.diagnostics)
    }

    /// True when `path` names a directory (a header tree) rather than a manifest file.
    public static func isHeaderTree(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}

extension ManifestDiff {
    /// What `cne-bindgen diff OLD NEW` computes: each side is a manifest file (`cne-bindgen dump`)
    /// or a directory, read as a header tree with `treeConfig()` (called once, and only when a
    /// side is a directory, so comparing two manifests needs no config). The diagnostics are
    /// those of the header trees' generation runs.
    public static func compare(
        old: String, new: String, symbolSources: [String] = [],
        treeConfig: () throws(BindgenFailure) -> BindgenConfig
    ) throws(BindgenFailure) -> (diff: ManifestDiff, diagnostics: [Diagnostic]) {
        var config: BindgenConfig?
        var diagnostics: [Diagnostic] = []
        func manifest(_ path: String) throws(BindgenFailure) -> APIManifest {
            guard APIManifest.isHeaderTree(path) else { return try APIManifest.load(path: path) }
            let resolved: BindgenConfig
            if let config { resolved = config } else { resolved = try treeConfig(); config = resolved }
            let tree = try APIManifest.headerTree(path, config: resolved, symbolSources: symbolSources)
            diagnostics += tree.diagnostics
            return tree.manifest
        }
        let oldManifest = try manifest(old)
        let newManifest = try manifest(new)
        return (ManifestDiff(old: oldManifest, new: newManifest), diagnostics)
    }
}
