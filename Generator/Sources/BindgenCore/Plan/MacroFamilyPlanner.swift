/// Plans the `macroFamilies` of the configuration: finds each family's members, types them
/// like the field they feed, and checks that the Swift names it introduces are free.
enum MacroFamilyPlanner {
    /// The Swift integer types a family may use: signedness and width in bits.
    static let integerTypes: [String: (signed: Bool, bits: Int)] = [
        "Int8": (true, 8), "Int16": (true, 16), "Int32": (true, 32), "Int64": (true, 64), "Int": (true, 64),
        "UInt8": (false, 8), "UInt16": (false, 16), "UInt32": (false, 32), "UInt64": (false, 64), "UInt": (false, 64),
    ]

    static func plan(_ config: BindgenConfig, model: APIModel, mapper: SwiftTypeMapper, views: [RecordView], log: inout DiagnosticLog) -> [MacroFamily] {
        var taken = Set(model.functions.map(\.name) + model.records.flatMap { [$0.name] + $0.typedefNames + [$0.tag].compactMap { $0 } })
        taken.formUnion(model.typedefs.map(\.name) + model.variables.map(\.name) + model.macros.map(\.name) + model.enums.compactMap(\.name))
        taken.formUnion(model.enumConstantNames)
        taken.formUnion(views.map(\.name))
        var families: [MacroFamily] = []
        for entry in config.macroFamilies {
            func error(_ message: String) { log.emit(Diagnostic(.error, "macroFamilies entry '\(entry.prefix)': \(message)", at: entry.location)) }
            let name = entry.name ?? defaultName(entry)
            guard !taken.contains(name) else { error("the Swift name '\(name)' is already used by a C declaration or another family"); continue }
            taken.insert(name)

            // The field the members feed, and its Swift type.
            var target: MacroFamily.Target?
            var swiftType = entry.swiftType
            if let path = entry.field {
                let parts = path.split(separator: ".").map(String.init)
                guard parts.count == 2, let record = model.records.first(where: { $0.name == parts[0] || $0.tag == parts[0] || $0.typedefNames.contains(parts[0]) }),
                    let field = record.fields.first(where: { $0.name == parts[1] })
                else { error("no record member '\(path)' (expected `record.member`)"); continue }
                let view = views.first { $0.record == record }
                guard let fieldType = view?.accessors.first(where: { $0.field == field })?.swiftType ?? mapper.swiftType(field.type), integerTypes[fieldType] != nil else {
                    error("'\(path)' is not an integer member"); continue
                }
                if let swiftType, swiftType != fieldType { error("'swiftType' \(swiftType) differs from the type of '\(path)' (\(fieldType))"); continue }
                swiftType = fieldType
                let accessor = lowerCamel(name)
                let clash = record.fields.contains { $0.name == accessor }
                if clash { log.emit(Diagnostic(.warning, "no typed accessor '\(accessor)' on '\(parts[0])': the record has a member of that name", at: entry.location, symbol: entry.prefix)) }
                target = MacroFamily.Target(record: record, field: field, swiftRecord: view?.name ?? parts[0], isView: view != nil, accessor: clash ? nil : accessor)
            }
            guard let swiftType, let integer = integerTypes[swiftType] else { continue }
            let excluded = entry.exclude.compactMap { try? Regex($0) }
            func included(_ cName: String) -> Bool {
                cName.hasPrefix(entry.prefix) && cName.count > entry.prefix.count && !excluded.contains { cName.wholeMatch(of: $0) != nil }
            }

            // Candidates: integer macros and constants of anonymous enums.
            var candidates: [(cName: String, value: IntegerValue, definition: String, location: SourceLocation)] = []
            for m in model.macros where m.parameters == nil && included(m.name) {
                guard case .integer(let s, let u, let type)? = m.value, case .builtin(let b) = type.desugared else { continue }
                if entry.kind == .optionSet && !m.tokens.contains(where: { $0.kind == .punctuation && ($0.spelling == "<<" || $0.spelling == "|") }) { continue }
                candidates.append((m.name, b.isSigned ? .signed(s) : .unsigned(u), "#define \(m.name) \(m.body)", m.location))
            }
            for e in model.enums where e.name == nil {
                for c in e.constants where included(c.name) && !candidates.contains(where: { $0.cName == c.name }) {
                    candidates.append((c.name, .signed(c.value), "\(c.name) = \(c.value)", c.location))
                }
            }
            var members: [MacroFamily.Member] = []
            var memberNames: Set<String> = []
            for c in candidates.sorted(by: { ($0.location.file, $0.location.line, $0.location.column) < ($1.location.file, $1.location.line, $1.location.column) }) {
                guard let literal = c.value.literal(fitting: integer) else {
                    log.emit(.skipped(c.cName, .unsupported, "its value does not fit \(swiftType), the type of family \(name)", at: c.location))
                    continue
                }
                let member = memberName(String(c.cName.dropFirst(entry.prefix.count)))
                guard memberNames.insert(member).inserted else {
                    log.emit(.skipped(c.cName, .nameClash, "member '\(member)' of \(name) already exists", at: c.location))
                    continue
                }
                members.append(MacroFamily.Member(cName: c.cName, swiftName: member, literal: literal, definition: c.definition, location: c.location))
            }
            // A note, not a warning: the same config serves headers that differ (real CNDP has
            // no UDSC_STATE_* macros); the type is still emitted, empty.
            if members.isEmpty { log.emit(Diagnostic(.note, "macroFamilies entry '\(entry.prefix)' has no members in these headers; \(name) is emitted empty", at: entry.location, symbol: entry.prefix)) }
            families.append(MacroFamily(config: entry, name: name, swiftType: swiftType, target: target, members: members))
        }
        return families
    }

    /// `LPORT_` → `LportFlags` (option set) or `Lport` (constants).
    static func defaultName(_ entry: MacroFamilyConfig) -> String {
        let words = entry.prefix.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }
        return words.joined() + (entry.kind == .optionSet ? "Flags" : "")
    }

    /// `BUSY_POLLING` → `busyPolling`; a leading digit gets `_`.
    static func memberName(_ rest: String) -> String {
        let words = rest.split(separator: "_").map { $0.lowercased() }
        guard let first = words.first else { return "_" }
        let name = first + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        return name.first?.isNumber == true ? "_" + name : name
    }

    /// `LportFlags` → `lportFlags`.
    static func lowerCamel(_ name: String) -> String { name.prefix(1).lowercased() + name.dropFirst() }
}

/// An integer constant's value with the signedness of its C type.
enum IntegerValue: Hashable {
    case signed(Int64)
    case unsigned(UInt64)

    /// The decimal literal, or nil when the value does not fit the type.
    func literal(fitting type: (signed: Bool, bits: Int)) -> String? {
        switch (self, type.signed) {
        case (.signed(let v), true):
            return type.bits == 64 || (v >= -(Int64(1) << (type.bits - 1)) && v < Int64(1) << (type.bits - 1)) ? String(v) : nil
        case (.signed(let v), false):
            return v >= 0 && (type.bits == 64 || v < Int64(1) << type.bits) ? String(v) : nil
        case (.unsigned(let v), true):
            return v < UInt64(1) << (type.bits - 1) ? String(v) : nil
        case (.unsigned(let v), false):
            return type.bits == 64 || v < UInt64(1) << type.bits ? String(v) : nil
        }
    }
}
