/// Everything the generator learned about the C API: plain Swift values, sorted by name so
/// that every later stage is deterministic.
public struct APIModel: Hashable, Sendable {
    /// Functions, by name.
    public var functions: [Function]
    /// Records with a complete definition, by name.
    public var records: [Record]
    /// Enums, in declaration order of the first constant's name.
    public var enums: [EnumDecl]
    /// Typedefs, by name.
    public var typedefs: [Typedef]
    /// Global variables, by name.
    public var variables: [Variable]
    /// Macros defined in the API's headers, by name.
    public var macros: [Macro]
    /// Macros of other headers (system, libbpf, ...) that API macros name, directly or through
    /// each other, without values: what the importer sees behind an alias such as
    /// `#define LPORT_DATA_HEADROOM XDP_PACKET_HEADROOM`.
    public var externalMacros: [Macro] = []
    /// Records that API types point to but that have no definition in the translation unit:
    /// the importer imports pointers to them as `OpaquePointer`.
    public var incompleteRecords: Set<String> = []
    /// Enum constants declared by headers outside the API (`BTF_KIND_FUNC` in linux/btf.h):
    /// an API macro of the same name is ambiguous in Swift.
    public var externalEnumConstants: Set<String> = []

    /// Creates a model; sorts every list.
    public init(functions: [Function], records: [Record], enums: [EnumDecl], typedefs: [Typedef], variables: [Variable], macros: [Macro]) {
        self.functions = functions.sorted { $0.name < $1.name }
        self.records = records.sorted { $0.name < $1.name }
        self.enums = enums.sorted { ($0.name ?? $0.constants.first?.name ?? "", $0.location) < ($1.name ?? $1.constants.first?.name ?? "", $1.location) }
        self.typedefs = typedefs.sorted { $0.name < $1.name }
        self.variables = variables.sorted { $0.name < $1.name }
        self.macros = macros.sorted { $0.name < $1.name }
    }

    /// The record a type names, looking through typedefs.
    public func record(for type: CType) -> Record? {
        guard case .record(let name, _) = type.desugared else { return nil }
        return records.first { $0.name == name || $0.tag == name || $0.typedefNames.contains(name) }
    }

    /// True when `type` (through typedefs) is a record without a definition in the parse.
    public func isIncompleteRecord(_ type: CType) -> Bool {
        guard case .record(let name, _) = type.desugared else { return false }
        return incompleteRecords.contains(name) && record(for: type) == nil
    }

    /// Every enum constant name, for clash checks.
    public var enumConstantNames: Set<String> { Set(enums.flatMap { $0.constants.map(\.name) }) }

    /// The enum a constant belongs to.
    public func enumDecl(containing constant: String) -> EnumDecl? {
        enums.first { $0.constants.contains { $0.name == constant } }
    }
}
