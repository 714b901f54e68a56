internal import CClang

/// Whether every byte of a record value is defined, read from libclang's layout of its type,
/// so that a generated test may compare two values byte by byte (`MacroFunctionTestRenderer`).
/// Padding bytes hold whatever C left there (unspecified), and so do the bits of a bitfield's
/// storage unit outside its fields: a record with either is not comparable. A union is when
/// each member is itself and one member spans the whole union (its bytes are then all
/// copied as a member's value). Member records count recursively, whether or not they are
/// records of the API (`struct in6_addr` from `<netinet/in.h>` is not).
public enum RecordBytes: Hashable, Sendable {
    /// Every byte belongs to a member, none to a pointer.
    case defined
    /// Every byte belongs to a member, some to a pointer: equal only when both sides' pointers
    /// are (the same memory, not each side's own copy of it).
    case definedWithPointers

    /// Records nested deeper than this are not examined (and not comparable).
    private static let maxDepth = 8

    /// The bytes of a value of the record type `type`; nil when some byte may be undefined
    /// or a member's type is not one known to have all its bytes defined (`long double`, whose
    /// 16 bytes hold 10; vectors; flexible arrays).
    static func of(_ type: CXType) -> RecordBytes? {
        var pointers = false
        guard clang_getCanonicalType(type).kind == CXType_Record, isDefined(type, pointers: &pointers, depth: 0) else { return nil }
        return pointers ? .definedWithPointers : .defined
    }

    /// True when every byte of a value of `type` (an array: of each element) is defined;
    /// sets `pointers` when one of them belongs to a pointer.
    private static func isDefined(_ type: CXType, pointers: inout Bool, depth: Int) -> Bool {
        var type = clang_getCanonicalType(type)
        while type.kind == CXType_ConstantArray { type = clang_getCanonicalType(clang_getArrayElementType(type)) }
        switch type.kind {
        case CXType_Bool, CXType_Char_U, CXType_UChar, CXType_UShort, CXType_UInt, CXType_ULong, CXType_ULongLong, CXType_UInt128,
            CXType_Char_S, CXType_SChar, CXType_Short, CXType_Int, CXType_Long, CXType_LongLong, CXType_Int128,
            CXType_WChar, CXType_Char16, CXType_Char32, CXType_Float, CXType_Double, CXType_Enum:
            return true
        case CXType_Pointer:
            pointers = true
            return true
        case CXType_Record:
            return depth < maxDepth && isRecordDefined(type, pointers: &pointers, depth: depth)
        default:
            return false
        }
    }

    /// A struct: its members' bytes cover it. A union: each member is defined and one covers it.
    private static func isRecordDefined(_ type: CXType, pointers: inout Bool, depth: Int) -> Bool {
        let size = type.sizeInBytes
        let kind = type.declaration.kind
        guard size > 0, kind == CXCursor_StructDecl || kind == CXCursor_UnionDecl else { return false }
        var covered = [Bool](repeating: false, count: size)
        var spanningMember = false
        // Anonymous members (`union { struct in_addr cin_addr; ... };`) are fields of record type.
        for field in type.fieldCursors {
            let bits = clang_Cursor_getOffsetOfField(field.raw)
            let fieldSize = field.type.sizeInBytes
            guard clang_Cursor_isBitField(field.raw) == 0, bits >= 0, bits % 8 == 0, fieldSize >= 0,
                isDefined(field.type, pointers: &pointers, depth: depth + 1)
            else { return false }
            let start = Int(bits / 8)
            guard start + fieldSize <= size else { return false }
            for i in start..<(start + fieldSize) { covered[i] = true }
            if start == 0 && fieldSize == size { spanningMember = true }
        }
        return kind == CXCursor_UnionDecl ? spanningMember : covered.allSatisfy { $0 }
    }
}
