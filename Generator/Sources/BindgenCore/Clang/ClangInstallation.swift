import Foundation
internal import CClang

/// The libclang this process loaded, and the builtin-header directory that matches it.
///
/// Mixing a libclang with another version's builtin headers crashes or misparses, so the
/// resource directory is derived from the loaded library itself, never from PATH (where the
/// Swift toolchain's clang would be found).
public struct ClangInstallation: Sendable {
    /// The version string libclang reports (`Debian clang version 14.0.6`).
    public var version: String
    /// The `-resource-dir` passed on every parse.
    public var resourceDirectory: String

    /// Locates the loaded libclang's resource directory.
    public static func detect() throws(BindgenFailure) -> ClangInstallation {
        let version = clang_getClangVersion().consume()
        guard let number = version.split(separator: " ").first(where: { $0.first?.isNumber == true && $0.contains(".") }) else {
            throw BindgenFailure([.error("cannot read libclang's version from '\(version)'")])
        }
        let numberString = String(number.prefix { $0.isNumber || $0 == "." })
        _ = clang_getClangVersion  // the library is mapped by now; find which file it came from
        let maps = FileHandle(forReadingAtPath: "/proc/self/maps").map { String(decoding: $0.readDataToEndOfFile(), as: UTF8.self) } ?? ""
        guard let libraryPath = maps.split(separator: "\n").compactMap({ line -> String? in
            guard let slash = line.firstIndex(of: "/") else { return nil }
            let path = String(line[slash...])
            return URL(fileURLWithPath: path).lastPathComponent.hasPrefix("libclang") && !path.contains("libclang-cpp") ? path : nil
        }).first else {
            throw BindgenFailure([.error("cannot find the path of the loaded libclang in /proc/self/maps")])
        }
        let libraryDirectory = URL(fileURLWithPath: libraryPath).resolvingSymlinksInPath().deletingLastPathComponent().path
        let major = numberString.split(separator: ".").first.map(String.init) ?? numberString
        // The library's own directory first, then Debian's versioned LLVM tree for the same version.
        let candidates = [
            "\(libraryDirectory)/clang/\(numberString)", "\(libraryDirectory)/clang/\(major)",
            "/usr/lib/llvm-\(major)/lib/clang/\(numberString)", "/usr/lib/llvm-\(major)/lib/clang/\(major)",
        ]
        guard let resource = candidates.first(where: { FileManager.default.fileExists(atPath: "\($0)/include/stddef.h") }) else {
            throw BindgenFailure([.error("no builtin headers for \(version) in \(candidates.joined(separator: " or "))")])
        }
        return ClangInstallation(version: version, resourceDirectory: resource)
    }
}
