/// Decides what to emit: filters the model, predicts what the importer handles, and records a
/// diagnostic for every declaration left out.
public enum Planner {
    /// Builds the plan for a parsed API.
    public static func plan(_ parsed: ParsedAPI, config: BindgenConfig, symbols: DefinedSymbols? = nil) -> GenerationPlan {
        let model = parsed.model
        let filter = NameFilter(config.filters)
        var plan = GenerationPlan(config: config, model: model)
        var log = DiagnosticLog()

        func kept(_ name: String, _ kind: DeclarationKind, _ location: SourceLocation) -> Bool {
            guard let reason = filter.rejection(of: name, as: kind) else { return true }
            log.emit(.skipped(name, reason, "\(kind.rawValue) filter", at: location))
            return false
        }

        // Functions.
        plan.symbolFiles = symbols?.files ?? []
        let declared = Set(model.functions.map(\.name))
        let simd = simdFunctions(model)
        func undefined(_ name: String, _ location: SourceLocation) -> Bool {
            guard let symbols, !symbols.defines(name) else { return false }
            plan.undefinedSymbols.append(name)
            log.emit(.skipped(name, .noDefinition, "the library (\(symbols.files.count) files read with nm) defines no symbol '\(name)'; redeclared unavailable so Swift rejects uses at compile time instead of failing to link", at: location))
            return true
        }
        for f in model.functions where kept(f.name, .functions, f.location) {
            if f.kind == .extern, undefined(f.name, f.location) { continue }
            if f.kind == .c99Inline {
                let provided = symbols.map { $0.defines(f.name) } ?? !config.c99InlineDefinitions.contains(f.name)
                if !provided {
                    plan.c99InlineDefinitions.append(f)
                } else if symbols == nil {
                    log.emit(Diagnostic(.note, "C99 inline '\(f.name)' gets no external definition: the library must provide it (list it in c99InlineDefinitions, or set symbolSources to check)", at: f.location, symbol: f.name))
                }
                if declared.contains(config.shimPrefix + f.name) {
                    log.emit(.skipped(f.name, .nameClash, "no wrapper: '\(config.shimPrefix + f.name)' is already declared", at: f.location))
                } else {
                    plan.inlineWrappers.append(f)
                }
            }
            if simd.contains(f.name) && f.kind == .staticInline {
                if declared.contains(config.shimPrefix + f.name) {
                    log.emit(.skipped(f.name, .nameClash, "no SIMD wrapper: '\(config.shimPrefix + f.name)' is already declared", at: f.location))
                } else {
                    plan.simdWrappers.append(f)
                }
            }
            if f.isVariadic {
                switch VariadicPolicy.formatIndex(of: f) {
                case .success(let index): plan.variadicWrappers.append(VariadicWrapper(function: f, formatIndex: index))
                case .failure(let rejection): log.emit(.skipped(f.name, .unsupported, rejection.reason, at: f.location))
                }
            }
        }
        for v in model.variables where kept(v.name, .vars, v.location) {
            if !v.isStatic, undefined(v.name, v.location) { continue }
            if case .array(_, nil) = v.type.desugared {
                log.emit(.skipped(v.name, .unsupported, "array of unknown size; Swift cannot reference it", at: v.location))
            }
        }

        // Records: layout checks for all kept ones, views for the dropped ones.
        var viewNames: [String: String] = [:]
        var keptRecords: [Record] = []
        for r in model.records where ([r.name] + r.typedefNames).contains(where: { filter.rejection(of: $0, as: .types) == nil }) {
            keptRecords.append(r)
            if ImporterModel.dropsRecord(r) { viewNames[r.name] = viewName(for: r) }
        }
        for r in model.records where !keptRecords.contains(r) {
            log.emit(.skipped(r.name, filter.rejection(of: r.name, as: .types) ?? .notAllowlisted, "types filter", at: r.location))
        }
        plan.layoutChecks = keptRecords
        let mapper = SwiftTypeMapper(model: model, views: viewNames)
        for r in keptRecords where viewNames[r.name] != nil {
            plan.views.append(view(of: r, name: viewNames[r.name]!, mapper: mapper, log: &log))
        }

        // Function-like macros with a configured signature.
        for shim in config.functionMacros {
            guard let f = parsed.macroShims.first(where: { $0.name == config.shimPrefix + shim.name }) else { continue }
            let parameters = f.parameters.map { mapper.wrapperType($0.type) }
            var returns = mapper.wrapperType(f.returns)
            var returnView: String?
            if case .pointer(let pointee, _) = f.returns, let view = mapper.viewName(of: pointee) {
                returnView = view
                returns = shim.returnsNonnull ? view : view + "?"
            } else if shim.returnsNonnull, let r = returns, r.hasSuffix("?") {
                returns = String(r.dropLast())
            }
            let complete = parameters.allSatisfy { $0 != nil } && returns != nil
            if !complete {
                log.emit(Diagnostic(.warning, "function-like macro '\(shim.name)' is bridged in C only: its signature has no Swift spelling", at: f.location, symbol: shim.name))
            }
            plan.macroShims.append(MacroShim(config: shim, function: f, swiftParameters: complete ? parameters.map { $0! } : nil, swiftReturn: complete ? returns : nil, returnView: returnView))
        }

        // Function-like macros bridged with inferred signatures.
        plan.macroShims += InferredMacroPlanner.plan(parsed, config: config, model: model, mapper: mapper, log: &log)
        plan.macroInferenceFailures = parsed.macroInferenceFailures
        plan.macroSupportHeaders = parsed.macroSupportHeaders

        // Object-like macros.
        // The API's macros and the other headers' ones they name (an alias of an imported
        // system macro is imported too).
        let macrosByName = Dictionary(model.externalMacros.map { ($0.name, $0) } + model.macros.map { ($0.name, $0) }, uniquingKeysWith: { _, api in api })
        let enumConstants = model.enumConstantNames
        let declarationNames = Set(model.functions.map(\.name) + model.records.map(\.name) + model.typedefs.map(\.name) + model.variables.map(\.name))
        let configured = Set(config.functionMacros.map(\.name))
        let pointerTypedefs = ImporterModel.pointerTypedefs(model)
        for m in model.macros where kept(m.name, .macros, m.location) {
            if m.parameters != nil {
                _ = configured  // configured and inferred ones are planned above
                continue
            }
            if model.externalEnumConstants.contains(m.name) {
                // Swift sees the macro and the other header's enum constant: ambiguous. A
                // constant of the Swift module shadows both for its importers.
                if var constant = constant(for: m, model: model, mapper: mapper) {
                    constant.shadowsImport = true
                    constant.shadowReason = "an enum constant of another header (outside the API) has the same name, which makes the bare name ambiguous"
                    plan.constants.append(constant)
                } else {
                    log.emit(.skipped(m.name, .nameClash, "an enum constant of a header outside the API has the same name; Swift finds both", at: m.location))
                }
                continue
            }
            // What clang cannot evaluate (a fatal error such as bracket depth 256 included),
            // the importer, which parses with clang, cannot import either.
            if let failure = m.evaluationFailure, m.value == nil, !m.tokens.isEmpty {
                log.emit(.skipped(m.name, .notAConstant, failure, at: m.location))
                continue
            }
            if enumConstants.contains(m.name) || declarationNames.contains(m.name) {
                log.emit(.skipped(m.name, .nameClash, "a C declaration has the same name; Swift sees that one", at: m.location))
                continue
            }
            if ImporterModel.importsMacro(m, in: macrosByName, pointerTypedefs: pointerTypedefs) {
                if ImporterModel.breaksOnUse(m), var constant = constant(for: m, model: model, mapper: mapper) {
                    constant.shadowsImport = true
                    plan.constants.append(constant)
                    continue
                }
                log.emit(.skipped(m.name, .importedBySwift, "the importer imports `\(m.body)` itself", at: m.location))
                continue
            }
            if let constant = constant(for: m, model: model, mapper: mapper) {
                plan.constants.append(constant)
            } else {
                log.emit(.skipped(m.name, .notAConstant, m.evaluationFailure ?? "no Swift spelling for its value", at: m.location))
            }
        }
        plan.families = MacroFamilyPlanner.plan(config, model: model, mapper: mapper, views: plan.views, log: &log)
        plan.simdTargetFeatures = SIMDFeatures.features(for: plan.simdWrappers, model: model, config: config)
        plan.simdWrapperFeatures = SIMDFeatures.perWrapper(plan.simdWrappers, model: model, config: config)
        plan.blocked = blockedDeclarations(model, filter: filter)
        plan.testValuesByMacro = TestValueConfig.scopes(config.testValues, macros: model.macros.filter { $0.parameters != nil }.map(\.name))
        plan.diagnostics = log.all
        return plan
    }

    /// Inline functions that call intrinsics, directly or through other inline functions.
    static func simdFunctions(_ model: APIModel) -> Set<String> {
        let inline = model.functions.filter { $0.kind != .extern }
        var result = Set(inline.filter(\.callsIntrinsics).map(\.name))
        var changed = true
        while changed {
            changed = false
            for f in inline where !result.contains(f.name) && f.calls.contains(where: result.contains) {
                result.insert(f.name)
                changed = true
            }
        }
        return result
    }

    /// `pktmbuf_t` → `PktmbufView`: the typedef name (else the record name) in UpperCamelCase.
    static func viewName(for record: Record) -> String {
        var base = record.typedefNames.first ?? record.name
        for suffix in ["_t", "_s"] where base.hasSuffix(suffix) { base.removeLast(suffix.count) }
        let words = base.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }
        return words.joined() + "View"
    }

    private static func view(of record: Record, name: String, mapper: SwiftTypeMapper, log: inout DiagnosticLog) -> RecordView {
        var accessors: [FieldAccessor] = []
        let reserved: Set<String> = ["raw", "rawPointer", "size", "alignment", "init", "self", "Type"]
        for field in record.fields {
            func skip(_ why: String) {
                log.emit(.skipped("\(record.name).\(field.name)", .unsupported, why, at: record.location))
            }
            if reserved.contains(field.name) { skip("the name is a member of the view itself"); continue }
            let type = field.type.desugared
            if let width = field.bitWidth {
                guard case .builtin(let b) = type, b.isInteger else { skip("bitfield of non-integer type"); continue }
                let first = field.bitOffset / 8
                let last = (field.bitOffset + width - 1) / 8
                guard let bytes = [1, 2, 4, 8].first(where: { $0 >= last - first + 1 }) else { skip("bitfield spans more than 8 bytes"); continue }
                let start = min(first, max(0, record.size - bytes))
                accessors.append(FieldAccessor(
                    field: field, kind: .bitfield(wordOffset: start, wordBytes: bytes, shift: field.bitOffset - start * 8, width: width, signed: b.isSigned, isBool: b == .bool),
                    swiftType: b.swiftName, probeCType: b.rawValue))
                continue
            }
            switch type {
            case .atomic(let value):
                guard let c = SwiftTypeMapper.cSpelling(value), let s = mapper.swiftType(value) else { skip("atomic of a type without a C/Swift spelling"); continue }
                accessors.append(FieldAccessor(field: field, kind: .atomic(valueCType: c), swiftType: s, probeCType: probeType(value)))
            case .array(let element, let count):
                guard let s = mapper.swiftType(element) else { skip("array element type has no Swift spelling"); continue }
                accessors.append(FieldAccessor(field: field, kind: .elements(count: count), swiftType: s, probeCType: nil))
            case .record(let name, _) where name.isEmpty:
                // `struct { ... } next;` (TAILQ_ENTRY, TAILQ_HEAD): the importer names the type
                // after the enclosing record, which the view replaces; its address is exposed.
                accessors.append(FieldAccessor(field: field, kind: .unnamedRecord, swiftType: "UnsafeMutableRawPointer", probeCType: nil))
            default:
                guard let s = mapper.swiftType(field.type) else { skip("type '\(field.spelling)' has no Swift spelling"); continue }
                accessors.append(FieldAccessor(field: field, kind: .value, swiftType: s, probeCType: probeType(field.type)))
            }
        }
        return RecordView(record: record, name: name, accessors: accessors)
    }

    /// The C type a probe converts through, for integers, bools and data pointers.
    private static func probeType(_ type: CType) -> String? {
        switch type.desugared {
        case .builtin(let b) where b.isInteger: return SwiftTypeMapper.cSpelling(type)
        case .pointer:
            return "pointer"
        default: return nil
        }
    }

    private static func constant(for m: Macro, model: APIModel, mapper: SwiftTypeMapper) -> SwiftConstant? {
        // An alias of a constant of a named enum keeps the enum's type.
        if m.tokens.count == 1, m.tokens[0].kind == .identifier, let e = model.enumDecl(containing: m.tokens[0].spelling), let name = e.name {
            return SwiftConstant(macro: m, swiftType: name, literal: m.tokens[0].spelling)
        }
        switch m.value {
        case .integer(let s, let u, let type)?:
            guard case .builtin(let b) = type.desugared, b.isInteger else { return nil }
            if b == .bool { return SwiftConstant(macro: m, swiftType: "Bool", literal: u != 0 ? "true" : "false") }
            return SwiftConstant(macro: m, swiftType: castTypeName(m, model: model) ?? b.swiftName, literal: b.isSigned ? String(s) : String(u))
        case .floating(let d, let type)?:
            guard d.isFinite, case .builtin(let b) = type.desugared, b == .float || b == .double else { return nil }
            return SwiftConstant(macro: m, swiftType: b.swiftName, literal: "\(d)")
        case .string(let bytes)?:
            return SwiftConstant(macro: m, swiftType: "String", literal: swiftStringLiteral(bytes))
        case .pointer(let bits, let type)?:
            return pointerConstant(m, bits: bits, type: type, mapper: mapper)
        case nil:
            return nil
        }
    }

    /// A pointer made from an integer: `UnsafeMutableRawPointer(bitPattern: ...)` for a data
    /// pointer, `unsafeBitCast` for a function pointer (nil for 0), typed as Swift imports the
    /// pointer type.
    private static func pointerConstant(_ m: Macro, bits: UInt64, type: CType, mapper: SwiftTypeMapper) -> SwiftConstant? {
        guard let optional = mapper.swiftType(type), optional.hasSuffix("?") else { return nil }
        let base = String(optional.dropLast())
        guard case .pointer(let pointee, _) = type.desugared else { return nil }
        if case .function = pointee.desugared {
            let literal = bits == 0 ? "nil" : "unsafeBitCast(UInt(\(bits)), to: (\(base.hasPrefix("(") ? String(base.dropFirst().dropLast()) : base)).self)"
            return SwiftConstant(macro: m, swiftType: optional, literal: literal)
        }
        return SwiftConstant(macro: m, swiftType: optional, literal: "\(base)(bitPattern: UInt(\(bits)))")
    }

    /// The Swift name of the integer typedef a macro's value is cast to (`((cne_iova_t)-1)` →
    /// `cne_iova_t`, `((uint16_t)3)` → `UInt16`), so the constant has the type C gives it.
    private static func castTypeName(_ m: Macro, model: APIModel) -> String? {
        var tokens = m.tokens[...]
        while tokens.first?.spelling == "(" && tokens.dropFirst().first?.spelling == "(" { tokens = tokens.dropFirst() }
        guard tokens.count >= 4, tokens.first?.spelling == "(", tokens.dropFirst(2).first?.spelling == ")" else { return nil }
        let name = tokens[tokens.startIndex + 1].spelling
        if let fixed = SwiftTypeMapper.importerTypedefs[name] { return fixed }
        guard let typedef = model.typedefs.first(where: { $0.name == name }), case .builtin(let b) = typedef.underlying.desugared, b.isInteger, b != .bool else { return nil }
        return name
    }

    static func swiftStringLiteral(_ bytes: [UInt8]) -> String {
        var out = "\""
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

extension Planner {
    /// The API's declarations the blocklist names (the allowlist only limits what the
    /// generator emits; the blocklist also takes declarations away from Swift).
    static func blockedDeclarations(_ model: APIModel, filter: NameFilter) -> BlockedDeclarations {
        func blocked(_ name: String, _ kind: DeclarationKind) -> Bool { !name.isEmpty && filter.rejection(of: name, as: kind) == .blocklisted }
        var result = BlockedDeclarations()
        result.functions = model.functions.map(\.name).filter { blocked($0, .functions) }.sorted()
        result.variables = model.variables.map(\.name).filter { blocked($0, .vars) }.sorted()
        result.tags = (model.records.compactMap(\.tag) + model.enums.compactMap(\.name)).filter { blocked($0, .types) }.sorted()
        result.typedefs = model.typedefs.map(\.name).filter { blocked($0, .types) }.sorted()
        result.enumerators = model.enums.flatMap { e in e.constants.map(\.name) }.filter { blocked($0, .macros) }.sorted()
        result.macros = model.macros.map(\.name).filter { blocked($0, .macros) }.sorted()
        return result
    }
}
