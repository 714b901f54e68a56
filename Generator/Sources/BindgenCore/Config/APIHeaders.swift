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
            // clang may spell a path with `..`, `.` or `//`: compare the standardized form
            // (`api/../outside.h` is not under `api/`).
            let spelledOddly = file.contains("/../") || file.contains("/./") || file.contains("//")
            let path = spelledOddly ? URL(fileURLWithPath: file).standardizedFileURL.path : file
            return files.contains(path) || directories.contains { path.hasPrefix($0) }
        }
    }
}
