/// A C type as the model keeps it: its structure, with the typedef and tag names the Swift
/// importer uses kept in place. Holds no libclang values.
public indirect enum CType: Hashable, Sendable {
    /// `void`.
    case void
    /// A builtin arithmetic type.
    case builtin(BuiltinType)
    /// A pointer; `pointeeConst` when the pointee is `const`-qualified.
    case pointer(CType, pointeeConst: Bool)
    /// An array; `count` nil for a flexible array member or `T x[]`.
    case array(CType, count: Int?)
    /// A struct or union, by the name Swift would use (`tag` for `struct tag`).
    case record(name: String, isUnion: Bool)
    /// An enum, by its C name.
    case enumeration(name: String)
    /// A typedef name and what it stands for.
    case typedef(name: String, underlying: CType)
    /// A function type (the pointee of a function pointer).
    case function(returns: CType, parameters: [CType], variadic: Bool)
    /// `_Atomic(T)`.
    case atomic(CType)
    /// Anything else, by its clang spelling.
    case unsupported(String)

    /// The type with typedefs looked through (not those inside pointers).
    public var desugared: CType {
        if case .typedef(_, let underlying) = self { return underlying.desugared }
        return self
    }

    /// True for `_Atomic` (through typedefs).
    public var isAtomic: Bool {
        if case .atomic = desugared { return true }
        return false
    }
}

/// C's builtin arithmetic types.
public enum BuiltinType: String, Hashable, Sendable, CaseIterable {
    /// `_Bool`.
    case bool = "_Bool"
    /// Plain `char` (signed on the targets we build for).
    case char = "char"
    /// `signed char`.
    case schar = "signed char"
    /// `unsigned char`.
    case uchar = "unsigned char"
    /// `short`.
    case short = "short"
    /// `unsigned short`.
    case ushort = "unsigned short"
    /// `int`.
    case int = "int"
    /// `unsigned int`.
    case uint = "unsigned int"
    /// `long`.
    case long = "long"
    /// `unsigned long`.
    case ulong = "unsigned long"
    /// `long long`.
    case longlong = "long long"
    /// `unsigned long long`.
    case ulonglong = "unsigned long long"
    /// `float`.
    case float = "float"
    /// `double`.
    case double = "double"
    /// `long double` (no Swift equivalent on Linux x86-64 that we emit).
    case longdouble = "long double"

    /// The Swift spelling the importer uses.
    public var swiftName: String {
        switch self {
        case .bool: "Bool"
        case .char: "CChar"
        case .schar: "Int8"
        case .uchar: "UInt8"
        case .short: "Int16"
        case .ushort: "UInt16"
        case .int: "Int32"
        case .uint: "UInt32"
        case .long: "Int"
        case .ulong: "UInt"
        case .longlong: "Int64"
        case .ulonglong: "UInt64"
        case .float: "Float"
        case .double: "Double"
        case .longdouble: "CLongDouble"
        }
    }

    /// True for integer types (including `_Bool` and `char`).
    public var isInteger: Bool { self != .float && self != .double && self != .longdouble }

    /// True for signed integer types.
    public var isSigned: Bool { [.char, .schar, .short, .int, .long, .longlong].contains(self) }
}
