/// Spells model types the way the Swift importer imports them.
struct SwiftTypeMapper {
    let model: APIModel
    /// Record names the importer drops, mapped to the generated view type that stands in.
    let views: [String: String]

    /// The Swift type of a value of `type`, or nil when it has no importable spelling.
    func swiftType(_ type: CType) -> String? {
        switch type {
        case .void: return "Void"
        case .builtin(let b): return b == .longdouble ? nil : b.swiftName
        case .typedef(let name, let underlying):
            if let special = Self.importerTypedefs[name] { return special }
            switch underlying.desugared {
            case .pointer(let pointee, _) where isFunction(pointee):
                // A function-pointer typedef imports as the (non-optional) function type.
                return functionType(pointee) == nil ? nil : "\(name)?"
            case .builtin, .void, .pointer, .array, .atomic, .unsupported: return swiftType(underlying)
            case .record: return isDropped(underlying) ? nil : name
            case .enumeration: return name
            case .function: return nil
            case .typedef: return nil
            }
        case .pointer(let pointee, let isConst):
            switch pointee.desugared {
            case .void: return isConst ? "UnsafeRawPointer?" : "UnsafeMutableRawPointer?"
            case .function:
                // A typedef of a function type (`typedef int (jcfg_cb_t)(...)`) imports as a
                // Swift function type, not a C function pointer: spell the pointer out.
                guard let spelled = functionType(pointee) else { return nil }
                return "(\(spelled))?"
            case .record:
                // Over-aligned records and records without a definition (the importer
                // imports pointers to both as OpaquePointer).
                if isDropped(pointee) || model.isIncompleteRecord(pointee) { return "OpaquePointer?" }
            default: break
            }
            guard let inner = swiftType(pointee), inner != "Void" else { return nil }
            return "\(isConst ? "UnsafePointer" : "UnsafeMutablePointer")<\(inner)>?"
        case .record(let name, _): return name.isEmpty || isDropped(type) ? nil : name
        case .enumeration(let name): return name.isEmpty ? nil : name
        case .array, .function, .atomic, .unsupported: return nil
        }
    }

    /// `@convention(c) (Int32) -> Void` for a function type, nil when a parameter or the
    /// result has no Swift spelling (the importer then drops the type too).
    func functionType(_ type: CType) -> String? {
        guard case .function(let returns, let parameters, let variadic) = type.desugared, !variadic else { return nil }
        let spelled = parameters.map { swiftType($0) }
        guard let result = returns.desugared == .void ? "Void" : swiftType(returns), spelled.allSatisfy({ $0 != nil && $0 != "Void" }) else { return nil }
        return "@convention(c) (\(spelled.map { $0! }.joined(separator: ", "))) -> \(result)"
    }

    private func isFunction(_ type: CType) -> Bool {
        if case .function = type.desugared { return true }
        return false
    }

    /// The type Swift code uses in a generated wrapper's signature: views for dropped records.
    func wrapperType(_ type: CType) -> String? {
        if case .pointer(let pointee, _) = type, let view = viewName(of: pointee) { return view }
        return swiftType(type)
    }

    /// The view type standing in for a pointee, when the importer drops it.
    func viewName(of pointee: CType) -> String? {
        guard case .record(let name, _) = pointee.desugared else { return nil }
        return views[name]
    }

    /// Typedef names the importer maps to a fixed Swift type whatever they stand for.
    static let importerTypedefs: [String: String] = [
        "int8_t": "Int8", "int16_t": "Int16", "int32_t": "Int32", "int64_t": "Int64",
        "uint8_t": "UInt8", "uint16_t": "UInt16", "uint32_t": "UInt32", "uint64_t": "UInt64",
        "size_t": "Int", "ssize_t": "Int", "intptr_t": "Int", "uintptr_t": "UInt", "ptrdiff_t": "Int",
    ]

    func isDropped(_ type: CType) -> Bool {
        guard let record = model.record(for: type) else { return false }
        return ImporterModel.dropsRecord(record)
    }

    /// The C spelling of a type, enough for casts and helper prototypes.
    static func cSpelling(_ type: CType) -> String? {
        switch type {
        case .void: return "void"
        case .builtin(let b): return b.rawValue
        case .typedef(let name, _): return name
        case .record(let name, let isUnion): return name.isEmpty ? nil : "\(isUnion ? "union" : "struct") \(name)"
        case .enumeration(let name): return name.isEmpty ? nil : "enum \(name)"
        case .pointer(let pointee, let isConst):
            guard let inner = cSpelling(pointee) else { return nil }
            return "\(isConst ? "const " : "")\(inner) *"
        case .array, .function, .atomic, .unsupported: return nil
        }
    }
}
