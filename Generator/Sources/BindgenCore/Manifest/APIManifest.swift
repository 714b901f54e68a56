import Foundation

/// The deterministic JSON description of an API (`cne-bindgen dump`): what `diff` compares.
public struct APIManifest: Codable, Sendable, Hashable {
    /// A function.
    public struct Function: Codable, Sendable, Hashable {
        /// The name.
        public var name: String
        /// The C prototype (`int (const char *)`).
        public var signature: String
        /// `extern`, `static inline`, `C99 inline`.
        public var kind: String

        /// Creates one.
        public init(name: String, signature: String, kind: String) {
            self.name = name
            self.signature = signature
            self.kind = kind
        }
    }

    /// A member of a record.
    public struct Field: Codable, Sendable, Hashable {
        /// The name.
        public var name: String
        /// The C type.
        public var type: String
        /// The offset in bits.
        public var bitOffset: Int
        /// The width of a bitfield.
        public var bitWidth: Int?
    }

    /// A struct or union.
    public struct Record: Codable, Sendable, Hashable {
        /// The name.
        public var name: String
        /// Size in bytes.
        public var size: Int
        /// Alignment in bytes.
        public var align: Int
        /// The members, anonymous ones flattened.
        public var fields: [Field]
    }

    /// An enum constant or a macro value.
    public struct Constant: Codable, Sendable, Hashable {
        /// The name.
        public var name: String
        /// The value as text (decimal integer, float, or a quoted string).
        public var value: String
        /// The C type, or the enum it belongs to.
        public var type: String
    }

    /// A typedef.
    public struct Typedef: Codable, Sendable, Hashable {
        /// The name.
        public var name: String
        /// The aliased type.
        public var type: String
    }

    /// The tool that wrote the manifest.
    public var generator: String = "cne-bindgen"
    /// Functions by name.
    public var functions: [Function]
    /// Records by name.
    public var records: [Record]
    /// Enum constants by name.
    public var enumConstants: [Constant]
    /// Typedefs by name.
    public var typedefs: [Typedef]
    /// Evaluated object-like macros by name.
    public var macros: [Constant]

    /// The manifest of the declarations a plan keeps.
    public init(plan: GenerationPlan) {
        let skipped = Set(plan.diagnostics.compactMap { d -> String? in
            guard let s = d.skip, s == .notAllowlisted || s == .blocklisted else { return nil }
            return d.symbol
        })
        let filter = NameFilter(plan.config.filters)
        let m = plan.model
        functions = m.functions.filter { !skipped.contains($0.name) }.map {
            Function(name: $0.name, signature: $0.signature, kind: $0.kind.rawValue)
        }
        records = plan.layoutChecks.map { r in
            Record(name: r.name, size: r.size, align: r.alignment, fields: r.fields.map {
                Field(name: $0.name, type: $0.spelling, bitOffset: $0.bitOffset, bitWidth: $0.bitWidth)
            })
        }
        enumConstants = m.enums.flatMap { e in
            e.constants.compactMap { c -> Constant? in
                let kept = filter.rejection(of: c.name, as: .macros) == nil || (e.name.map { filter.rejection(of: $0, as: .types) == nil } ?? false)
                return kept ? Constant(name: c.name, value: String(c.value), type: e.name ?? "enum <anonymous>") : nil
            }
        }.sorted { $0.name < $1.name }
        typedefs = m.typedefs.filter { filter.rejection(of: $0.name, as: .types) == nil }.map { Typedef(name: $0.name, type: $0.spelling) }
        macros = m.macros.compactMap { macro -> Constant? in
            guard !skipped.contains(macro.name), let value = macro.value else { return nil }
            switch value {
            case .integer(let s, let u, let t):
                let signed: Bool = if case .builtin(let b) = t.desugared { b.isSigned } else { true }
                return Constant(name: macro.name, value: signed ? String(s) : String(u), type: SwiftTypeMapper.cSpelling(t) ?? "int")
            case .floating(let d, let t):
                return Constant(name: macro.name, value: "\(d)", type: SwiftTypeMapper.cSpelling(t) ?? "double")
            case .string(let bytes):
                return Constant(name: macro.name, value: Planner.swiftStringLiteral(bytes), type: "char[]")
            case .pointer(let bits, let t):
                return Constant(name: macro.name, value: String(bits), type: SwiftTypeMapper.cSpelling(t) ?? "pointer")
            }
        }
    }

    /// Sorted-key, pretty-printed JSON ending in a newline.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Reads a manifest file.
    public static func load(path: String) throws(BindgenFailure) -> APIManifest {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BindgenFailure([.error("cannot read manifest '\(path)'")])
        }
        do { return try JSONDecoder().decode(APIManifest.self, from: data) } catch {
            throw BindgenFailure([.error("'\(path)' is not a cne-bindgen manifest: \(error)", at: SourceLocation(file: path, line: 1, column: 1))])
        }
    }
}
