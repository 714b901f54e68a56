/// The difference between two manifests, split into ABI breaks and additions.
public struct ManifestDiff: Sendable, Hashable {
    /// One change.
    public struct Change: Sendable, Hashable, CustomStringConvertible {
        /// Added, removed or changed.
        public enum Kind: String, Sendable, Hashable {
            /// Only in the new API.
            case added = "+"
            /// Only in the old API.
            case removed = "-"
            /// In both, different.
            case changed = "~"
        }

        /// What happened.
        public var kind: Kind
        /// `function`, `record`, `enum constant`, `typedef` or `macro`.
        public var category: String
        /// The declaration's name.
        public var name: String
        /// What changed, for `.changed`.
        public var detail: String

        /// One line: `- function foo: detail`.
        public var description: String {
            "\(kind.rawValue) \(category) \(name)\(detail.isEmpty ? "" : ": \(detail)")"
        }
    }

    /// Changes that break code or binaries built against the old API.
    public var breaks: [Change] = []
    /// Additions, which break nothing.
    public var additions: [Change] = []

    /// The exit status `cne-bindgen diff` uses: 0 no change, 1 additions only, 2 an ABI break.
    public var exitStatus: Int32 { !breaks.isEmpty ? 2 : (!additions.isEmpty ? 1 : 0) }

    /// Compares two manifests.
    public init(old: APIManifest, new: APIManifest) {
        compare("function", old.functions, new.functions, \.name) { o, n in
            var d: [String] = []
            if o.signature != n.signature { d.append("signature '\(o.signature)' -> '\(n.signature)'") }
            if o.kind != n.kind { d.append("kind \(o.kind) -> \(n.kind)") }
            return d.joined(separator: "; ")
        }
        compare("record", old.records, new.records, \.name) { o, n in
            var d: [String] = []
            if o.size != n.size { d.append("size \(o.size) -> \(n.size)") }
            if o.align != n.align { d.append("alignment \(o.align) -> \(n.align)") }
            let newFields = Dictionary(n.fields.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            for f in o.fields {
                guard let g = newFields[f.name] else { d.append("field \(f.name) removed"); continue }
                if f.bitOffset != g.bitOffset { d.append("field \(f.name) offset \(f.bitOffset) -> \(g.bitOffset) bits") }
                if f.type != g.type { d.append("field \(f.name) type '\(f.type)' -> '\(g.type)'") }
                if f.bitWidth != g.bitWidth { d.append("field \(f.name) width \(f.bitWidth.map(String.init) ?? "-") -> \(g.bitWidth.map(String.init) ?? "-")") }
            }
            let oldNames = Set(o.fields.map(\.name))
            for g in n.fields where !oldNames.contains(g.name) { d.append("field \(g.name) added") }
            return d.joined(separator: "; ")
        }
        compare("enum constant", old.enumConstants, new.enumConstants, \.name) { o, n in
            o.value != n.value || o.type != n.type ? "\(o.value) (\(o.type)) -> \(n.value) (\(n.type))" : ""
        }
        compare("typedef", old.typedefs, new.typedefs, \.name) { o, n in o.type != n.type ? "'\(o.type)' -> '\(n.type)'" : "" }
        compare("macro", old.macros, new.macros, \.name) { o, n in
            o.value != n.value || o.type != n.type ? "\(o.value) (\(o.type)) -> \(n.value) (\(n.type))" : ""
        }
    }

    private mutating func compare<T>(_ category: String, _ old: [T], _ new: [T], _ key: KeyPath<T, String>, _ detail: (T, T) -> String) {
        let oldByName = Dictionary(old.map { ($0[keyPath: key], $0) }, uniquingKeysWith: { a, _ in a })
        let newByName = Dictionary(new.map { ($0[keyPath: key], $0) }, uniquingKeysWith: { a, _ in a })
        for name in oldByName.keys.sorted() {
            guard let n = newByName[name] else {
                breaks.append(Change(kind: .removed, category: category, name: name, detail: ""))
                continue
            }
            let d = detail(oldByName[name]!, n)
            if !d.isEmpty { breaks.append(Change(kind: .changed, category: category, name: name, detail: d)) }
        }
        for name in newByName.keys.sorted() where oldByName[name] == nil {
            additions.append(Change(kind: .added, category: category, name: name, detail: ""))
        }
    }

    /// The report `cne-bindgen diff` prints.
    public var report: String {
        var lines: [String] = []
        if breaks.isEmpty && additions.isEmpty { return "no API change\n" }
        if !breaks.isEmpty {
            lines.append("ABI breaks (\(breaks.count)):")
            lines += breaks.map { "  \($0)" }
        }
        if !additions.isEmpty {
            lines.append("Additions (\(additions.count)):")
            lines += additions.map { "  \($0)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
