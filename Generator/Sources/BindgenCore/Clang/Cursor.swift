internal import CClang

/// A thin value wrapper over `CXCursor` with deterministic (source-order) traversal.
struct Cursor {
    let raw: CXCursor

    init(_ raw: CXCursor) { self.raw = raw }

    var kind: CXCursorKind { clang_getCursorKind(raw) }
    var spelling: String { clang_getCursorSpelling(raw).consume() }
    var usr: String { clang_getCursorUSR(raw).consume() }
    var type: CXType { clang_getCursorType(raw) }
    var isDefinition: Bool { clang_isCursorDefinition(raw) != 0 }
    var isAnonymousRecord: Bool { clang_Cursor_isAnonymousRecordDecl(raw) != 0 }
    /// True for a tag declaration without a name of its own (libclang spells those
    /// `(unnamed ...)` or `(anonymous ...)`, or not at all).
    var isUnnamed: Bool {
        let s = spelling
        return s.isEmpty || s.contains("(unnamed") || s.contains("(anonymous") || isAnonymousRecord
    }
    var isNull: Bool { clang_Cursor_isNull(raw) != 0 }

    /// The direct children, in source order.
    var children: [Cursor] {
        var result: [CXCursor] = []
        withUnsafeMutablePointer(to: &result) { pointer in
            _ = clang_visitChildren(raw, { child, _, data in
                data!.assumingMemoryBound(to: [CXCursor].self).pointee.append(child)
                return CXChildVisit_Continue
            }, pointer)
        }
        return result.map(Cursor.init)
    }

    /// Every descendant, depth first, in source order.
    var descendants: [Cursor] {
        var result: [CXCursor] = []
        withUnsafeMutablePointer(to: &result) { pointer in
            _ = clang_visitChildren(raw, { child, _, data in
                data!.assumingMemoryBound(to: [CXCursor].self).pointee.append(child)
                return CXChildVisit_Recurse
            }, pointer)
        }
        return result.map(Cursor.init)
    }

    /// The file path of the cursor's expansion location, or nil for builtins.
    var file: String? {
        var file: CXFile?
        clang_getExpansionLocation(clang_getCursorLocation(raw), &file, nil, nil, nil)
        guard let file else { return nil }
        return clang_getFileName(file).consume()
    }

    /// The location, with paths under `base` made relative.
    func location(relativeTo base: String) -> SourceLocation {
        Cursor.location(clang_getCursorLocation(raw), relativeTo: base)
    }

    /// Converts a libclang location.
    static func location(_ location: CXSourceLocation, relativeTo base: String) -> SourceLocation {
        var file: CXFile?
        var line: UInt32 = 0
        var column: UInt32 = 0
        clang_getExpansionLocation(location, &file, &line, &column, nil)
        var path = file.map { clang_getFileName($0).consume() } ?? "<unknown>"
        let prefix = base.hasSuffix("/") ? base : base + "/"
        if path.hasPrefix(prefix) { path.removeFirst(prefix.count) }
        return SourceLocation(file: path, line: Int(line), column: Int(column))
    }
}

extension CXType {
    var kindValue: CXTypeKind { kind }
    var spelling: String { clang_getTypeSpelling(self).consume() }
    var declaration: Cursor { Cursor(clang_getTypeDeclaration(self)) }
    var sizeInBytes: Int { Int(clang_Type_getSizeOf(self)) }
    var alignmentInBytes: Int { Int(clang_Type_getAlignOf(self)) }

    /// Fields of a record type, in declaration order (anonymous members included).
    var fieldCursors: [Cursor] {
        var result: [CXCursor] = []
        withUnsafeMutablePointer(to: &result) { pointer in
            _ = clang_Type_visitFields(self, { field, data in
                data!.assumingMemoryBound(to: [CXCursor].self).pointee.append(field)
                return CXVisit_Continue
            }, pointer)
        }
        return result.map(Cursor.init)
    }
}
