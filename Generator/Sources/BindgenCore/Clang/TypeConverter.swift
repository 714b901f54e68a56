internal import CClang

/// Turns libclang types into model `CType`s, naming anonymous records and enums after the
/// typedef that names them (as the Swift importer does).
struct TypeConverter {
    /// Typedef names of anonymous records and enums, by the USR of their declaration.
    var anonymousNames: [String: String] = [:]
    /// Names of the records met without a definition anywhere in the translation unit
    /// (`struct pktdev_driver *` where only a forward declaration is visible).
    let incompleteRecords = NameSet()

    /// A set shared by copies of the converter.
    final class NameSet {
        var names: Set<String> = []
    }

    func convert(_ type: CXType) -> CType {
        switch type.kind {
        case CXType_Void: return .void
        case CXType_Bool: return .builtin(.bool)
        case CXType_Char_S, CXType_Char_U: return .builtin(.char)
        case CXType_SChar: return .builtin(.schar)
        case CXType_UChar: return .builtin(.uchar)
        case CXType_Short: return .builtin(.short)
        case CXType_UShort: return .builtin(.ushort)
        case CXType_Int: return .builtin(.int)
        case CXType_UInt: return .builtin(.uint)
        case CXType_Long: return .builtin(.long)
        case CXType_ULong: return .builtin(.ulong)
        case CXType_LongLong: return .builtin(.longlong)
        case CXType_ULongLong: return .builtin(.ulonglong)
        case CXType_Float: return .builtin(.float)
        case CXType_Double: return .builtin(.double)
        case CXType_LongDouble: return .builtin(.longdouble)
        case CXType_Pointer:
            let pointee = clang_getPointeeType(type)
            return .pointer(convert(pointee), pointeeConst: clang_isConstQualifiedType(pointee) != 0)
        case CXType_ConstantArray:
            return .array(convert(clang_getArrayElementType(type)), count: Int(clang_getArraySize(type)))
        case CXType_IncompleteArray:
            return .array(convert(clang_getArrayElementType(type)), count: nil)
        case CXType_Typedef:
            let name = clang_getTypedefName(type).consume()
            let underlying = clang_getTypedefDeclUnderlyingType(type.declaration.raw)
            return .typedef(name: name, underlying: convert(underlying))
        case CXType_Elaborated:
            return convert(clang_Type_getNamedType(type))
        case CXType_Record:
            let decl = type.declaration
            let recordName = name(of: decl)
            if !recordName.isEmpty, clang_Cursor_isNull(clang_getCursorDefinition(decl.raw)) != 0 {
                incompleteRecords.names.insert(recordName)
            }
            return .record(name: recordName, isUnion: decl.kind == CXCursor_UnionDecl)
        case CXType_Enum:
            return .enumeration(name: name(of: type.declaration))
        case CXType_FunctionProto, CXType_FunctionNoProto:
            let count = max(0, Int(clang_getNumArgTypes(type)))
            return .function(
                returns: convert(clang_getResultType(type)),
                parameters: (0..<count).map { convert(clang_getArgType(type, UInt32($0))) },
                variadic: clang_isFunctionTypeVariadic(type) != 0)
        case CXType_Atomic:
            return .atomic(convert(clang_Type_getValueType(type)))
        default:
            return .unsupported(type.spelling)
        }
    }

    /// The name of a record or enum declaration: its tag, else its typedef name, else "".
    func name(of decl: Cursor) -> String {
        if decl.isUnnamed {
            return anonymousNames[decl.usr] ?? ""
        }
        return decl.spelling
    }
}
