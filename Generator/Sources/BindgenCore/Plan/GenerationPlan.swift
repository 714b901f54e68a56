/// What to emit, decided from the model and the configuration. Holds no text: the renderers
/// turn it into files.
public struct GenerationPlan: Sendable {
    /// The configuration the plan follows.
    public var config: BindgenConfig
    /// The parsed API.
    public var model: APIModel
    /// C99 inline functions that get an external definition in `shims.c`.
    public var c99InlineDefinitions: [Function] = []
    /// C99 inline functions that get an exported wrapper `<shimPrefix><name>`.
    public var inlineWrappers: [Function] = []
    /// `static inline` functions that use SIMD intrinsics (directly or through other inline
    /// functions): wrapped in `shims.c` under a target-feature pragma, unavailable to Swift.
    public var simdWrappers: [Function] = []
    /// The target features the SIMD wrappers are compiled for: the config's, else the union of
    /// what their intrinsics declare (empty: no target pragma is needed).
    public var simdTargetFeatures = ""
    /// Standard headers the umbrella includes for the macros (`ParsedAPI.macroSupportHeaders`).
    public var macroSupportHeaders: [String] = []
    /// The target features each SIMD wrapper is compiled for, by function name (its own needs).
    public var simdWrapperFeatures: [String: String] = [:]
    /// Declarations the blocklist names: marked unavailable to Swift (API notes, `#undef` for
    /// macros), so a blocked declaration is not reachable through the generated module.
    public var blocked = BlockedDeclarations()
    /// Functions and variables the library does not define: redeclared unavailable.
    public var undefinedSymbols: [String] = []
    /// The files the defined symbols were read from (empty: no symbol check).
    public var symbolFiles: [String] = []
    /// Variadic functions that get a fixed-arity wrapper.
    public var variadicWrappers: [VariadicWrapper] = []
    /// Function-like macros bridged as exported C functions.
    public var macroShims: [MacroShim] = []
    /// Function-like macros neither configured nor inferred, with why (for `suggest`).
    public var macroInferenceFailures: [MacroInferenceFailure] = []
    /// Records that get `_Static_assert` layout checks.
    public var layoutChecks: [Record] = []
    /// Typed pointer views of records the importer drops.
    public var views: [RecordView] = []
    /// Swift constants for macros the importer misses or breaks.
    public var constants: [SwiftConstant] = []
    /// Typed families of constants.
    public var families: [MacroFamily] = []
    /// Every diagnostic the planning produced, skips included.
    public var diagnostics: [Diagnostic] = []
    /// For each function-like macro, the `config.testValues` entries whose `macros` patterns
    /// accept it (every entry without patterns), in config order: the patterns are compiled
    /// once here, not per parameter.
    public var testValuesByMacro: [String: [Int]] = [:]
}

/// A fixed-arity wrapper of a variadic function: the format parameter becomes `"%s", text`.
public struct VariadicWrapper: Sendable, Hashable {
    /// The wrapped function.
    public var function: Function
    /// The index of the `const char *` format parameter.
    public var formatIndex: Int
}

/// A function-like macro bridged as a C function (and a Swift wrapper when it needs one).
public struct MacroShim: Sendable, Hashable {
    /// The configuration entry.
    public var config: FunctionMacroConfig
    /// The prototype clang parsed for the shim.
    public var function: Function
    /// The Swift wrapper's parameter types, when every one has a Swift spelling.
    public var swiftParameters: [String]?
    /// The Swift wrapper's return type.
    public var swiftReturn: String?
    /// Set when the result is a pointer to a dropped record, wrapped in this view type.
    public var returnView: String?
    /// Set when the signature was inferred (no `functionMacros` entry).
    public var inferred: InferredMacroFunction?
    /// For a `for` header: the Swift type of the closure's argument (the Swift function takes
    /// `(T) -> Void` where the shim takes a C callback and its context).
    public var closureElement: String?
}

/// A typed pointer view of a record the importer drops.
public struct RecordView: Sendable, Hashable {
    /// The record.
    public var record: Record
    /// The Swift type name of the view.
    public var name: String
    /// The accessors, in field order.
    public var accessors: [FieldAccessor]
}

/// How one field of a view is read and written.
public struct FieldAccessor: Sendable, Hashable {
    /// The access strategy.
    public enum Kind: Sendable, Hashable {
        /// A plain load and store at the field's byte offset.
        case value
        /// A bitfield in a word of `wordBytes` bytes at `wordOffset`, starting at bit `shift`.
        case bitfield(wordOffset: Int, wordBytes: Int, shift: Int, width: Int, signed: Bool, isBool: Bool)
        /// An `_Atomic` member, through static-inline C helpers (sequentially consistent).
        case atomic(valueCType: String)
        /// An array (flexible or not): a typed pointer to the first element.
        case elements(count: Int?)
        /// A member whose type is an unnamed struct or union (`TAILQ_ENTRY(x) next`), which has
        /// no Swift name: a raw pointer to its bytes.
        case unnamedRecord
    }

    /// The field.
    public var field: Field
    /// The strategy.
    public var kind: Kind
    /// The Swift type of the value (of an element for `.elements`).
    public var swiftType: String
    /// The C spelling of the value type, for the test probes; nil when not probed.
    public var probeCType: String?
}

/// A Swift constant for a macro.
public struct SwiftConstant: Sendable, Hashable {
    /// The macro.
    public var macro: Macro
    /// The Swift type.
    public var swiftType: String
    /// The Swift expression.
    public var literal: String
    /// True when the importer imports the macro under the same name but the import fails on
    /// use (`((uint64_t)-1)`): this constant, declared in the Swift module, shadows it.
    public var shadowsImport = false
    /// Why it shadows, for the doc comment (nil: the import breaks on use).
    public var shadowReason: String?
}

/// A family of constants emitted as one Swift type (see `MacroFamilyConfig`).
public struct MacroFamily: Sendable, Hashable {
    /// The record member the constants feed.
    public struct Target: Sendable, Hashable {
        /// The record.
        public var record: Record
        /// The member.
        public var field: Field
        /// The Swift type the accessor extends: the imported record, or its view.
        public var swiftRecord: String
        /// True when `swiftRecord` is a generated view.
        public var isView: Bool
        /// The typed accessor's name, nil when the record already has a member of that name.
        public var accessor: String?
    }

    /// One constant.
    public struct Member: Sendable, Hashable {
        /// The C name.
        public var cName: String
        /// The Swift member name.
        public var swiftName: String
        /// The value, as a decimal literal that fits the family's type.
        public var literal: String
        /// The C definition, for the doc comment.
        public var definition: String
        /// Where it is defined.
        public var location: SourceLocation
    }

    /// The configuration entry.
    public var config: MacroFamilyConfig
    /// The Swift type's name.
    public var name: String
    /// The members' integer type.
    public var swiftType: String
    /// The field, when configured.
    public var target: Target?
    /// The members, in header order.
    public var members: [Member]
}

/// The API's declarations a blocklist pattern matched, by kind, sorted.
public struct BlockedDeclarations: Sendable, Hashable {
    /// Function names.
    public var functions: [String] = []
    /// Global variable names.
    public var variables: [String] = []
    /// Struct and union tags.
    public var tags: [String] = []
    /// Typedef names.
    public var typedefs: [String] = []
    /// Enumerator names.
    public var enumerators: [String] = []
    /// Macro names.
    public var macros: [String] = []

    /// True when nothing is blocked.
    public var isEmpty: Bool { [functions, variables, tags, typedefs, enumerators, macros].allSatisfy(\.isEmpty) }
}
