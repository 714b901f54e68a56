/// How a function is defined, which decides how Swift can reach it.
public enum FunctionKind: String, Hashable, Sendable, Codable {
    /// A plain prototype of a function the library exports.
    case extern
    /// `static inline`: Swift imports and inlines the body.
    case staticInline = "static inline"
    /// A C99 `inline` definition without `static`: no external definition unless one TU
    /// provides it, so taking its address fails to link.
    case c99Inline = "C99 inline"
    /// A shim the generator itself declares.
    case shim
}

/// A function declaration.
public struct Function: Hashable, Sendable {
    /// The C name.
    public var name: String
    /// The return type.
    public var returns: CType
    /// The parameters, in order.
    public var parameters: [Parameter]
    /// True for `...`.
    public var isVariadic: Bool
    /// How the function is defined.
    public var kind: FunctionKind
    /// The prototype as clang prints it (`int (const char *)`).
    public var signature: String
    /// Where it is declared.
    public var location: SourceLocation
    /// For an inline definition: the functions its body calls.
    public var calls: [String] = []
    /// For an inline definition: true when its body calls a compiler intrinsic (a function of
    /// clang's builtin headers such as `_mm_shuffle_epi8`, or an `__builtin_ia32_` builtin).
    public var callsIntrinsics = false
    /// True when the declaration carries `__attribute__((format(printf, ...)))` (spelled
    /// directly or through a macro).
    public var hasFormatAttribute = false
    /// True when the declaration carries `__attribute__((sentinel))`: its variadic arguments
    /// end with a NULL the caller passes, so they cannot be forwarded as one string.
    public var hasSentinelAttribute = false
    /// For an inline definition: the target features (`ssse3`, `avx512f`) the intrinsics its
    /// body calls declare in clang's builtin headers.
    public var intrinsicTargetFeatures: [String] = []

    /// Creates one.
    public init(name: String, returns: CType, parameters: [Parameter], isVariadic: Bool, kind: FunctionKind, signature: String, location: SourceLocation) {
        self.name = name
        self.returns = returns
        self.parameters = parameters
        self.isVariadic = isVariadic
        self.kind = kind
        self.signature = signature
        self.location = location
    }
}

/// A function parameter.
public struct Parameter: Hashable, Sendable {
    /// The name, empty when the prototype has none.
    public var name: String
    /// The type.
    public var type: CType
    /// The type as clang spells it.
    public var spelling: String

    /// Creates one.
    public init(name: String, type: CType, spelling: String) {
        self.name = name
        self.type = type
        self.spelling = spelling
    }
}

/// A struct or union with its layout as libclang computed it.
public struct Record: Hashable, Sendable {
    /// The name Swift would use: the typedef name of an anonymous record, else the tag.
    public var name: String
    /// The tag (`pktmbuf_s`), or nil for an anonymous record named by a typedef.
    public var tag: String?
    /// Typedef names that alias this record.
    public var typedefNames: [String]
    /// True for a union.
    public var isUnion: Bool
    /// Size in bytes.
    public var size: Int
    /// Alignment in bytes.
    public var alignment: Int
    /// Every member reachable by name, anonymous struct and union members flattened in.
    public var fields: [Field]
    /// Where it is defined.
    public var location: SourceLocation

    /// Creates one.
    public init(name: String, tag: String?, typedefNames: [String], isUnion: Bool, size: Int, alignment: Int, fields: [Field], location: SourceLocation) {
        self.name = name
        self.tag = tag
        self.typedefNames = typedefNames
        self.isUnion = isUnion
        self.size = size
        self.alignment = alignment
        self.fields = fields
        self.location = location
    }

    /// The C spelling of the type: `struct tag` or the typedef name.
    public var cSpelling: String {
        if let tag { return "\(isUnion ? "union" : "struct") \(tag)" }
        return name
    }
}

/// A record member.
public struct Field: Hashable, Sendable {
    /// The name.
    public var name: String
    /// The type.
    public var type: CType
    /// The type as clang spells it.
    public var spelling: String
    /// Offset from the start of the outermost record, in bits.
    public var bitOffset: Int
    /// The width of a bitfield, nil for an ordinary member.
    public var bitWidth: Int?
    /// Size of the member's type in bytes (0 for a flexible array).
    public var size: Int
    /// True when reached through an anonymous struct or union.
    public var viaAnonymousMember: Bool

    /// Creates one.
    public init(name: String, type: CType, spelling: String, bitOffset: Int, bitWidth: Int?, size: Int, viaAnonymousMember: Bool) {
        self.name = name
        self.type = type
        self.spelling = spelling
        self.bitOffset = bitOffset
        self.bitWidth = bitWidth
        self.size = size
        self.viaAnonymousMember = viaAnonymousMember
    }

    /// The offset in whole bytes (of the storage start for a bitfield).
    public var byteOffset: Int { bitOffset / 8 }

    /// True for a flexible array member.
    public var isFlexibleArray: Bool {
        if case .array(_, nil) = type.desugared { return true }
        return false
    }
}

/// An enum and its constants.
public struct EnumDecl: Hashable, Sendable {
    /// The C name: tag, or typedef name, or nil for an anonymous enum with no typedef.
    public var name: String?
    /// The constants, in declaration order.
    public var constants: [EnumConstant]
    /// The integer type the enum uses.
    public var integerType: CType
    /// Where it is defined.
    public var location: SourceLocation

    /// Creates one.
    public init(name: String?, constants: [EnumConstant], integerType: CType, location: SourceLocation) {
        self.name = name
        self.constants = constants
        self.integerType = integerType
        self.location = location
    }
}

/// One enum constant.
public struct EnumConstant: Hashable, Sendable {
    /// The name.
    public var name: String
    /// The value.
    public var value: Int64
    /// Where it is declared.
    public var location: SourceLocation

    /// Creates one.
    public init(name: String, value: Int64, location: SourceLocation) {
        self.name = name
        self.value = value
        self.location = location
    }
}

/// A typedef.
public struct Typedef: Hashable, Sendable {
    /// The name.
    public var name: String
    /// The aliased type.
    public var underlying: CType
    /// The aliased type as clang spells it.
    public var spelling: String
    /// Where it is declared.
    public var location: SourceLocation

    /// Creates one.
    public init(name: String, underlying: CType, spelling: String, location: SourceLocation) {
        self.name = name
        self.underlying = underlying
        self.spelling = spelling
        self.location = location
    }
}

/// A global variable.
public struct Variable: Hashable, Sendable {
    /// The name.
    public var name: String
    /// The type.
    public var type: CType
    /// The type as clang spells it.
    public var spelling: String
    /// Where it is declared.
    public var location: SourceLocation
    /// True for a `static` variable (no symbol to link against).
    public var isStatic = false

    /// Creates one.
    public init(name: String, type: CType, spelling: String, location: SourceLocation) {
        self.name = name
        self.type = type
        self.spelling = spelling
        self.location = location
    }
}
