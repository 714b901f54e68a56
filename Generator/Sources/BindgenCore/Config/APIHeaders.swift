import Foundation

extension BindgenConfig {
    /// System include directories: a library installed there (zlib in `/usr/include`) shares
    /// them with the C library, so only its entry headers are its API by default.
    static let systemIncludeDirectories: Set<String> = ["/usr/include", "/usr/local/include", "/usr/include/x86_64-linux-gnu", "/usr/include/aarch64-linux-gnu"]

    /// The files and directories whose declarations are the API: `apiHeaders` when configured;
    /// otherwise every include path that is not a system include directory, plus the entry
    /// headers found in the system ones.
    public var resolvedAPIHeaders: (files: Set<String>, directories: [String]) {
        if let apiHeaders {
            var files: Set<String> = []
            var directories: [String] = []
            for path in apiHeaders {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                    directories.append(path.hasSuffix("/") ? path : path + "/")
                } else {
                    files.insert(path)
                }
            }
            return (files, directories)
        }
        let normalized = includePaths.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        let system = normalized.filter { Self.systemIncludeDirectories.contains($0) }
        let directories = normalized.filter { !Self.systemIncludeDirectories.contains($0) }.map { $0 + "/" }
        var files: Set<String> = []
        for header in entryHeaders {
            for dir in system where FileManager.default.fileExists(atPath: dir + "/" + header) {
                files.insert(dir + "/" + header)
            }
        }
        return (files, directories)
    }

    /// Decides whether a file (as clang names it) belongs to the API.
    public func apiFileFilter() -> @Sendable (String) -> Bool {
        let (files, directories) = resolvedAPIHeaders
        return { file in
            if files.contains(file) { return true }
            if directories.contains(where: { file.hasPrefix($0) }) { return true }
            // clang may spell a path with `..` or `//`: compare the standardized form too.
            let standard = URL(fileURLWithPath: file).standardizedFileURL.path
            return standard != file && (files.contains(standard) || directories.contains { standard.hasPrefix($0) })
        }
    }
}
