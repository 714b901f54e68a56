import Foundation

/// The global symbols a library defines, read with `nm`: which prototypes really have a
/// definition, and whether C99 inline functions already have their external definition.
public struct DefinedSymbols: Sendable, Hashable {
    /// The names of the defined global (and weak) symbols.
    public var names: Set<String>
    /// The files that were read.
    public var files: [String]

    /// Creates one from known names.
    public init(names: Set<String>, files: [String] = []) {
        self.names = names
        self.files = files
    }

    /// True when the library defines `name`.
    public func defines(_ name: String) -> Bool { names.contains(name) }

    /// Reads `sources`: shared libraries (`.so*`, their dynamic symbols), archives (`.a`),
    /// objects (`.o`), GNU ld linker scripts (`GROUP ( ... )` / `INPUT ( ... )`, such as CNDP's
    /// `libcndp.so`: their member libraries are read instead), or directories searched for
    /// those. Nil when `sources` is empty.
    public static func load(_ sources: [String], nm: String = "/usr/bin/nm") throws(BindgenFailure) -> DefinedSymbols? {
        try start(sources, nm: nm)?.finish()
    }

    /// Starts nm on `sources` (see `load`) and returns at once, so that the headers can be
    /// parsed meanwhile; `finish()` collects the result. Nil when `sources` is empty.
    public static func start(_ sources: [String], nm: String = "/usr/bin/nm") throws(BindgenFailure) -> Pending? {
        guard !sources.isEmpty else { return nil }
        var shared: [String] = []
        var objects: [String] = []
        let fm = FileManager.default
        var seen: Set<String> = []
        func add(_ path: String, depth: Int = 0) throws(BindgenFailure) {
            guard seen.insert(path).inserted else { return }
            let name = (path as NSString).lastPathComponent
            let isLibrary = name.hasSuffix(".so") || name.contains(".so.") || name.hasSuffix(".a")
            if isLibrary, let members = try linkerScriptMembers(path) {
                guard depth < 8 else { throw BindgenFailure([.error("linker script '\(path)' nests too deeply")]) }
                for member in members { try add(member, depth: depth + 1) }
            } else if name.hasSuffix(".so") || name.contains(".so.") {
                shared.append(path)
            } else if name.hasSuffix(".o") || name.hasSuffix(".a") {
                objects.append(path)
            }
        }
        for source in sources {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: source, isDirectory: &isDirectory) else {
                throw BindgenFailure([.error("symbol source '\(source)' does not exist (build the library first; Generator/check-generated.sh builds CNDPCore)")])
            }
            if isDirectory.boolValue {
                let items = (try? fm.contentsOfDirectory(atPath: source)) ?? []
                for item in items.sorted() { try add(source + "/" + item) }
            } else {
                try add(source)
            }
        }
        if shared.isEmpty && objects.isEmpty { throw BindgenFailure([.error("no libraries or objects in the symbol sources \(sources.joined(separator: ", "))")]) }
        let pending = Pending(files: (objects + shared).sorted())
        if !objects.isEmpty { try pending.launch(nm, ["--defined-only", "--format=posix"] + objects) }
        if !shared.isEmpty { try pending.launch(nm, ["--dynamic", "--defined-only", "--format=posix"] + shared) }
        return pending
    }

    /// The member libraries of a GNU ld linker script (`GROUP ( libcne_uds.so ... )`,
    /// `INPUT ( ... )`, `AS_NEEDED ( ... )` inside them, `-lname`), or nil when `path` is not a
    /// text linker script (an ELF file or an `ar` archive). Relative members resolve against
    /// the script's directory, as ld finds them in the same library directory; a member that
    /// does not exist there is an error.
    public static func linkerScriptMembers(_ path: String) throws(BindgenFailure) -> [String]? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 8)) ?? Data()
        if head.starts(with: [0x7F, 0x45, 0x4C, 0x46]) || head.starts(with: Array("!<arch>".utf8)) || head.starts(with: Array("!<thin>".utf8)) { return nil }
        let rest = (try? handle.read(upToCount: 1 << 20)) ?? Data()
        guard let text = String(data: head + rest, encoding: .utf8) else { return nil }
        // Comments out; parentheses and commas as separators.
        let uncommented = text.replacingOccurrences(of: #"/\*[\s\S]*?\*/"#, with: " ", options: .regularExpression)
        let words = uncommented.replacingOccurrences(of: #"[(),]"#, with: " $0 ", options: .regularExpression)
            .split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).map(String.init)
        guard words.contains(where: { $0 == "GROUP" || $0 == "INPUT" }) else { return nil }
        let directory = (path as NSString).deletingLastPathComponent
        var members: [String] = []
        var depth = 0
        var inside = false
        for (i, word) in words.enumerated() {
            switch word {
            case "GROUP", "INPUT":
                if depth == 0, words.indices.contains(i + 1), words[i + 1] == "(" { inside = true }
            case "(": depth += 1
            case ")":
                depth -= 1
                if depth == 0 { inside = false }
            case "AS_NEEDED", ",": break
            default:
                guard inside else { continue }
                var member = word
                if member.hasPrefix("-l") { member = "lib" + member.dropFirst(2) + ".so" }
                if !member.hasPrefix("/") { member = directory + "/" + member }
                guard FileManager.default.fileExists(atPath: member) else {
                    throw BindgenFailure([.error("linker script '\(path)' names '\(word)', which is not at \(member)")])
                }
                members.append(member)
            }
        }
        guard !members.isEmpty else { throw BindgenFailure([.error("linker script '\(path)' names no libraries")]) }
        return members
    }

    /// nm processes under way. Uses `popen`: Foundation's `Process` costs tens of
    /// milliseconds more per launch on Linux.
    public final class Pending {
        private var streams: [(stream: UnsafeMutablePointer<FILE>, command: String)] = []
        private let files: [String]

        init(files: [String]) { self.files = files }

        deinit { for s in streams { pclose(s.stream) } }

        func launch(_ nm: String, _ arguments: [String]) throws(BindgenFailure) {
            let quoted = ([nm] + arguments).map { "'" + $0.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'" }
            guard let stream = popen(quoted.joined(separator: " ") + " 2>/dev/null", "r") else { throw BindgenFailure([.error("cannot run \(nm)")]) }
            streams.append((stream, ([nm] + arguments).joined(separator: " ")))
        }

        /// Waits for nm; keeps global and weak definitions (upper-case types, `U` excluded).
        public func finish() throws(BindgenFailure) -> DefinedSymbols {
            var names: Set<String> = []
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while let (stream, command) = streams.first {
                streams.removeFirst()
                var data: [UInt8] = []
                while true {
                    let n = fread(&buffer, 1, buffer.count, stream)
                    if n <= 0 { break }
                    data.append(contentsOf: buffer[0..<n])
                }
                let status = pclose(stream)
                guard status == 0 else { throw BindgenFailure([.error("\(command) failed (status \(status))")]) }
                for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
                    let fields = line.split(separator: " ")
                    guard fields.count >= 2, fields[1].count == 1, let type = fields[1].first, type.isUppercase, type != "U" else { continue }
                    names.insert(String(fields[0].split(separator: "@").first ?? fields[0]))
                }
            }
            return DefinedSymbols(names: names, files: files)
        }
    }
}
