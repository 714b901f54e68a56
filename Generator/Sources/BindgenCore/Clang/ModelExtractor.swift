internal import CClang

/// Walks a translation unit and builds the plain-Swift `APIModel` of the declarations that
/// live in the API's own headers (system headers are only followed through types).
struct ModelExtractor {
    let unit: TranslationUnit
    /// Decides whether a file belongs to the API.
    let isAPIFile: (String) -> Bool
    /// The directory locations are made relative to.
    let base: String

    private var converter = TypeConverter()
    /// Every macro definition of the translation unit by name, to expand attribute macros.
    private var macroDefinitions: [String: Cursor] = [:]
    /// Every definition of each macro name, in translation-unit order (names redefined after
    /// an `#undef` have several).
    private var macroDefinitionsInOrder: [String: [Cursor]] = [:]
    /// Target features of the intrinsics met so far, by name (a header calls the same few).
    private let featureCache = FeatureCache()

    /// A cache shared by copies of the extractor.
    final class FeatureCache {
        var features: [String: [String]] = [:]
    }

    /// Every function-like macro the translation unit defines, in any header (after `extract`).
    private(set) var definedFunctionLikeMacros: Set<String> = []

    /// clang's builtin-header directory (`<resource-dir>/include/`): functions declared there
    /// are intrinsics.
    let intrinsicsDirectory: String

    init(unit: TranslationUnit, base: String, resourceDirectory: String = "/nonexistent", isAPIFile: @escaping (String) -> Bool) {
        self.unit = unit
        self.base = base
        self.isAPIFile = isAPIFile
        self.intrinsicsDirectory = resourceDirectory + "/include/"
    }

    /// Builds the model; macros come without values (see `MacroEvaluator`).
    mutating func extract() -> APIModel {
        let top = unit.cursor.children
        var typedefNamesByUSR: [String: [String]] = [:]
        for cursor in top where cursor.kind == CXCursor_TypedefDecl {
            let underlying = clang_getTypedefDeclUnderlyingType(cursor.raw)
            let named = underlying.kind == CXType_Elaborated ? clang_Type_getNamedType(underlying) : underlying
            guard named.kind == CXType_Record || named.kind == CXType_Enum else { continue }
            let decl = named.declaration
            typedefNamesByUSR[decl.usr, default: []].append(cursor.spelling)
            if (decl.isUnnamed), converter.anonymousNames[decl.usr] == nil {
                converter.anonymousNames[decl.usr] = cursor.spelling
            }
        }

        var functions: [String: Function] = [:]
        var records: [String: Record] = [:]
        var enums: [String: EnumDecl] = [:]
        var typedefs: [String: Typedef] = [:]
        var variables: [String: Variable] = [:]
        var macros: [String: Macro] = [:]

        var otherMacros: [String: Cursor] = [:]
        for cursor in top where cursor.kind == CXCursor_MacroDefinition {
            macroDefinitions[cursor.spelling] = cursor
            macroDefinitionsInOrder[cursor.spelling, default: []].append(cursor)
        }
        var externalEnumConstants: Set<String> = []
        for cursor in top {
            if cursor.kind == CXCursor_MacroDefinition, clang_Cursor_isMacroFunctionLike(cursor.raw) != 0 {
                definedFunctionLikeMacros.insert(cursor.spelling)
            }
            if cursor.kind == CXCursor_MacroDefinition, let file = cursor.file, !isAPIFile(file), clang_Cursor_isMacroBuiltin(cursor.raw) == 0 {
                otherMacros[cursor.spelling] = cursor
                continue
            }
            // Enum constants of other headers (linux/btf.h's BTF_KIND_*): an API macro of the
            // same name is a second declaration of that name for Swift.
            if cursor.kind == CXCursor_EnumDecl, let file = cursor.file, !isAPIFile(file) {
                for constant in cursor.children where constant.kind == CXCursor_EnumConstantDecl {
                    externalEnumConstants.insert(constant.spelling)
                }
                continue
            }
            guard let file = cursor.file, isAPIFile(file) else { continue }
            switch cursor.kind {
            case CXCursor_FunctionDecl:
                let f = function(cursor)
                // A definition wins over earlier prototypes of the same function.
                if functions[f.name] == nil || cursor.isDefinition { functions[f.name] = f }
            case CXCursor_StructDecl, CXCursor_UnionDecl:
                guard cursor.isDefinition else { continue }
                let name = converter.name(of: cursor)
                guard !name.isEmpty else { continue }
                records[cursor.usr] = record(cursor, name: name, typedefNames: typedefNamesByUSR[cursor.usr] ?? [])
            case CXCursor_EnumDecl:
                guard cursor.isDefinition else { continue }
                enums[cursor.usr] = enumDecl(cursor)
            case CXCursor_TypedefDecl:
                let underlying = clang_getTypedefDeclUnderlyingType(cursor.raw)
                typedefs[cursor.spelling] = Typedef(
                    name: cursor.spelling, underlying: converter.convert(underlying),
                    spelling: underlying.spelling, location: cursor.location(relativeTo: base))
            case CXCursor_VarDecl:
                var variable = Variable(
                    name: cursor.spelling, type: converter.convert(cursor.type),
                    spelling: cursor.type.spelling, location: cursor.location(relativeTo: base))
                variable.isStatic = clang_Cursor_getStorageClass(cursor.raw) == CX_SC_Static
                variables[cursor.spelling] = variable
            case CXCursor_MacroDefinition:
                guard clang_Cursor_isMacroBuiltin(cursor.raw) == 0 else { continue }
                macros[cursor.spelling] = macro(cursor)
            default:
                continue
            }
        }
        // The other headers' macros that API macros name, transitively (tokenized on demand:
        // the system headers define thousands).
        var external: [String: Macro] = [:]
        var pending = macros.values.flatMap { $0.tokens.filter { $0.kind == .identifier }.map(\.spelling) }
        while let name = pending.popLast() {
            guard macros[name] == nil, external[name] == nil, let cursor = otherMacros[name] else { continue }
            let m = macro(cursor)
            external[name] = m
            pending.append(contentsOf: m.tokens.filter { $0.kind == .identifier }.map(\.spelling))
        }
        var model = APIModel(
            functions: Array(functions.values), records: Array(records.values), enums: Array(enums.values),
            typedefs: Array(typedefs.values), variables: Array(variables.values), macros: Array(macros.values))
        model.externalMacros = external.values.sorted { $0.name < $1.name }
        model.incompleteRecords = converter.incompleteRecords.names
        model.externalEnumConstants = externalEnumConstants
        return model
    }

    func function(_ cursor: Cursor) -> Function {
        let type = cursor.type
        let arguments = (0..<max(0, Int(clang_Cursor_getNumArguments(cursor.raw)))).map { i in
            Cursor(clang_Cursor_getArgument(cursor.raw, UInt32(i)))
        }
        let parameters = arguments.map { Parameter(name: $0.spelling, type: converter.convert($0.type), spelling: $0.type.spelling) }
        let inlined = clang_Cursor_isFunctionInlined(cursor.raw) != 0
        let storage = clang_Cursor_getStorageClass(cursor.raw)
        let kind: FunctionKind
        if storage == CX_SC_Static {
            kind = .staticInline
        } else if inlined && storage == CX_SC_None && cursor.isDefinition {
            kind = .c99Inline
        } else {
            kind = .extern
        }
        var f = Function(
            name: cursor.spelling, returns: converter.convert(clang_getResultType(type)), parameters: parameters,
            isVariadic: clang_isFunctionTypeVariadic(type) != 0, kind: kind, signature: type.spelling,
            location: cursor.location(relativeTo: base))
        if f.isVariadic {
            let words = attributeWords(cursor)
            f.hasFormatAttribute = words.contains { $0 == "format" || $0 == "__format__" } && words.contains { $0.contains("printf") }
            f.hasSentinelAttribute = words.contains { $0 == "sentinel" || $0 == "__sentinel__" }
        }
        if kind != .extern && cursor.isDefinition {
            var features: Set<String> = []
            var calls: Set<String> = []
            for call in cursor.descendants where call.kind == CXCursor_CallExpr {
                let callee = Cursor(clang_getCursorReferenced(call.raw))
                guard !callee.isNull, callee.kind == CXCursor_FunctionDecl else { continue }
                let name = callee.spelling
                if name.hasPrefix("__builtin_ia32_") || callee.file?.hasPrefix(intrinsicsDirectory) == true {
                    f.callsIntrinsics = true
                    if featureCache.features[name] == nil { featureCache.features[name] = targetFeatures(of: callee) }
                    features.formUnion(featureCache.features[name] ?? [])
                } else {
                    calls.insert(name)
                }
            }
            f.calls = calls.sorted()
            f.intrinsicTargetFeatures = features.sorted()
        }
        return f
    }

    /// The tokens of a declaration's attributes, with the macros they are spelled through
    /// expanded (glibc and clang's builtin headers hide attributes in macros).
    func attributeTokens(_ cursor: Cursor) -> [String] {
        var tokens: [String] = []
        for attribute in cursor.children where attribute.kind.rawValue >= CXCursor_FirstAttr.rawValue && attribute.kind.rawValue <= CXCursor_LastAttr.rawValue {
            // A macro at the attribute resolves to its definition in effect there: clang's
            // builtin headers define and undefine `__DEFAULT_FN_ATTRS` once per header, each
            // time with other target features. Macros nested in a definition resolve by name.
            let use = attribute.location(relativeTo: "")
            var pending: [String] = []
            for token in unit.tokens(in: clang_getCursorExtent(attribute.raw)) {
                if token.kind == .identifier, let definition = definition(of: token.spelling, at: use) {
                    tokens.append(token.spelling)
                    pending.append(contentsOf: macro(definition).tokens.map(\.spelling))
                } else {
                    pending.append(token.spelling)
                }
            }
            var expanded: Set<String> = []
            while let token = pending.popLast() {
                tokens.append(token)
                if let definition = macroDefinitions[token], expanded.insert(token).inserted {
                    pending.append(contentsOf: macro(definition).tokens.map(\.spelling))
                }
            }
        }
        return tokens
    }

    /// The definition of macro `name` in effect at `use`: the last one before it in the same
    /// file, else the last one in the translation unit.
    func definition(of name: String, at use: SourceLocation) -> Cursor? {
        guard let all = macroDefinitionsInOrder[name] else { return nil }
        let before = all.last { d in
            let at = d.location(relativeTo: "")
            return at.file == use.file && at.line <= use.line
        }
        return before ?? all.last
    }

    /// The identifiers among a declaration's attribute tokens.
    func attributeWords(_ cursor: Cursor) -> [String] {
        attributeTokens(cursor).filter { !$0.hasPrefix("\"") }
    }

    /// The features in the `__target__("...")` attribute of an intrinsic (`_mm_shuffle_epi8`
    /// → `ssse3`), as clang's builtin headers declare them: the string literals of its
    /// attributes that read as feature lists.
    func targetFeatures(of intrinsic: Cursor) -> [String] {
        let tokens = attributeTokens(intrinsic)
        guard tokens.contains(where: { $0 == "target" || $0 == "__target__" }) else { return [] }
        return tokens.filter { $0.hasPrefix("\"") && $0.count > 2 }.map { String($0.dropFirst().dropLast()) }
            .filter { $0.allSatisfy { $0.isLowercase || $0.isNumber || ".,_-".contains($0) } }
            .flatMap { $0.split(separator: ",").map(String.init) }
    }

    func record(_ cursor: Cursor, name: String, typedefNames: [String]) -> Record {
        let type = cursor.type
        var fields: [Field] = []
        collectFields(of: type, baseBits: 0, viaAnonymous: false, into: &fields)
        let tag = cursor.isUnnamed ? nil : cursor.spelling
        return Record(
            name: name, tag: tag, typedefNames: typedefNames.sorted(), isUnion: cursor.kind == CXCursor_UnionDecl,
            size: type.sizeInBytes, alignment: type.alignmentInBytes, fields: fields,
            location: cursor.location(relativeTo: base))
    }

    private func collectFields(of type: CXType, baseBits: Int, viaAnonymous: Bool, into fields: inout [Field]) {
        for field in type.fieldCursors {
            let offset = baseBits + Int(clang_Cursor_getOffsetOfField(field.raw))
            let fieldType = field.type
            let declaration = fieldType.declaration
            let name = field.spelling
            if name.isEmpty || (declaration.isAnonymousRecord && clang_Cursor_isAnonymousRecordDecl(declaration.raw) != 0 && name.isEmpty) {
                collectFields(of: fieldType, baseBits: offset, viaAnonymous: true, into: &fields)
                continue
            }
            let isBitField = clang_Cursor_isBitField(field.raw) != 0
            fields.append(
                Field(
                    name: name, type: converter.convert(fieldType), spelling: fieldType.spelling,
                    bitOffset: offset, bitWidth: isBitField ? Int(clang_getFieldDeclBitWidth(field.raw)) : nil,
                    size: max(0, fieldType.sizeInBytes), viaAnonymousMember: viaAnonymous))
        }
    }

    func enumDecl(_ cursor: Cursor) -> EnumDecl {
        let constants = cursor.children.filter { $0.kind == CXCursor_EnumConstantDecl }.map {
            EnumConstant(name: $0.spelling, value: clang_getEnumConstantDeclValue($0.raw), location: $0.location(relativeTo: base))
        }
        let name = converter.name(of: cursor)
        return EnumDecl(
            name: name.isEmpty ? nil : name, constants: constants,
            integerType: converter.convert(clang_getEnumDeclIntegerType(cursor.raw)),
            location: cursor.location(relativeTo: base))
    }

    func macro(_ cursor: Cursor) -> Macro {
        var tokens = unit.tokens(in: clang_getCursorExtent(cursor.raw))
        if !tokens.isEmpty { tokens.removeFirst() }  // the name
        var parameters: [String]?
        if clang_Cursor_isMacroFunctionLike(cursor.raw) != 0, tokens.first?.spelling == "(" {
            var names: [String] = []
            tokens.removeFirst()
            while let token = tokens.first {
                tokens.removeFirst()
                if token.spelling == ")" { break }
                if token.spelling != "," { names.append(token.spelling) }
            }
            parameters = names
        }
        return Macro(name: cursor.spelling, parameters: parameters, tokens: tokens, location: cursor.location(relativeTo: base))
    }

    /// The functions declared in the translation unit's main file (the generator's shim
    /// prototypes), whatever their file filter.
    func mainFileFunctions() -> [Function] {
        unit.cursor.children.filter { $0.kind == CXCursor_FunctionDecl && $0.file == unit.mainFile }.map(function)
    }
}
