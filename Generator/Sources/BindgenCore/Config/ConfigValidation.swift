import Foundation

/// Checks of a loaded configuration that JSON types cannot express: names that become C and
/// Swift identifiers, and paths that must exist. Each error names the offending key's location
/// when the config file gave one.
enum ConfigValidation {
    /// Module names and the shim prefix become identifiers in the module map, C and Swift.
    static func identifierErrors(_ config: BindgenConfig, locate: (String) -> SourceLocation?) -> [Diagnostic] {
        var errors: [Diagnostic] = []
        for (key, value) in [("cModuleName", config.cModuleName), ("swiftModuleName", config.swiftModuleName), ("shimPrefix", config.shimPrefix)]
        where !isIdentifier(value) {
            errors.append(.error("'\(key)' must be a C and Swift identifier (letters, digits, '_', not starting with a digit), found '\(value)'", at: locate(key), code: .invalidIdentifier))
        }
        if isIdentifier(config.cModuleName), config.cModuleName == config.swiftModuleName {
            errors.append(.error("'cModuleName' and 'swiftModuleName' must differ, both are '\(config.cModuleName)'", at: locate("swiftModuleName"), code: .invalidIdentifier))
        }
        return errors
    }

    /// Include paths and API header paths must exist: a typo would otherwise parse the headers
    /// against whatever the system provides.
    static func pathErrors(_ config: BindgenConfig, locate: (String, Int) -> SourceLocation?) -> [Diagnostic] {
        var errors: [Diagnostic] = []
        let fm = FileManager.default
        for (i, path) in config.includePaths.enumerated() {
            var isDirectory: ObjCBool = false
            if !fm.fileExists(atPath: path, isDirectory: &isDirectory) || !isDirectory.boolValue {
                errors.append(.error("include path '\(path)' is not a directory", at: locate("includePaths", i), code: .missingPath))
            }
        }
        for (i, path) in (config.apiHeaders ?? []).enumerated() where !fm.fileExists(atPath: path) {
            errors.append(.error("API header path '\(path)' does not exist", at: locate("apiHeaders", i), code: .missingPath))
        }
        return errors
    }

    /// `[A-Za-z_][A-Za-z0-9_]*`, ASCII only.
    static func isIdentifier(_ s: String) -> Bool {
        guard let first = s.utf8.first, first == UInt8(ascii: "_") || isLetter(first) else { return false }
        return s.utf8.allSatisfy { $0 == UInt8(ascii: "_") || isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) }
    }

    private static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }

    /// The location of the first byte that is not valid UTF-8, or nil when all are.
    static func firstInvalidUTF8(_ bytes: [UInt8], file: String) -> SourceLocation? {
        var i = 0, line = 1, lineStart = 0
        while i < bytes.count {
            let b = bytes[i]
            let length: Int
            var minimum: UInt32 = 0
            switch b {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2; minimum = 0x80
            case 0xE0...0xEF: length = 3; minimum = 0x800
            case 0xF0...0xF4: length = 4; minimum = 0x10000
            default: return SourceLocation(file: file, line: line, column: i - lineStart + 1)
            }
            guard i + length <= bytes.count else { return SourceLocation(file: file, line: line, column: i - lineStart + 1) }
            var scalar = length == 1 ? UInt32(b) : UInt32(b) & (0xFF >> (length + 1))
            for k in 1..<max(length, 1) {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { return SourceLocation(file: file, line: line, column: i - lineStart + 1) }
                scalar = scalar << 6 | UInt32(c & 0x3F)
            }
            if length > 1, scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) {
                return SourceLocation(file: file, line: line, column: i - lineStart + 1)
            }
            if b == 0x0A {
                line += 1
                lineStart = i + 1
            }
            i += length
        }
        return nil
    }
}
