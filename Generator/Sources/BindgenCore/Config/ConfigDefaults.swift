import Foundation

/// Defaults of a config file that leaves names out: derived from the library's first entry
/// header, so nothing project-specific leaks into a generic run.
enum ConfigDefaults {
    /// `zlib.h` → `Zlib`, `xdp/libxdp.h` → `Libxdp`, `sqlite3.h` → `Sqlite3`.
    static func swiftModuleName(entryHeaders: [String]) -> String {
        let base = URL(fileURLWithPath: entryHeaders.first ?? "Bindings").deletingPathExtension().lastPathComponent
        let words = base.split(whereSeparator: { !($0.isLetter || $0.isNumber) })
        var name = words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        if name.isEmpty { name = "Bindings" }
        if name.first?.isNumber == true { name = "C" + name }
        return name
    }

    /// `Zlib` → `CZlib`.
    static func cModuleName(swiftModuleName: String) -> String { "C" + swiftModuleName }

    /// `CZlib` → `czlib_`: unique per module, so two generated modules linked into one program
    /// do not export the same shim names.
    static func shimPrefix(cModuleName: String) -> String { cModuleName.lowercased() + "_" }

    /// The banner's "run ..." advice for a config file.
    static func regenerateCommand(configPath: String) -> String {
        "cne-bindgen generate --config \(configPath)"
    }
}
