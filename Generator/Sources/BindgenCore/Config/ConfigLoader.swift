import Foundation

/// Reads and checks a config file. Unknown keys, wrong types and bad regexes are errors that
/// point at their line and column in the file.
public enum ConfigLoader {
    /// Loads the file at `path` (relative paths in it resolve against its directory).
    public static func load(path: String) throws(BindgenFailure) -> BindgenConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BindgenFailure([.error("cannot read config file '\(path)'")])
        }
        // Decoding would silently replace bad bytes (a path or a regex could change meaning).
        if let bad = ConfigValidation.firstInvalidUTF8(Array(data), file: path) {
            throw BindgenFailure([.error("the config file is not valid UTF-8 (first bad byte here)", at: bad, code: .invalidUTF8)])
        }
        return try parse(String(decoding: data, as: UTF8.self), path: path)
    }

    /// Parses config text; `path` names the file in diagnostics and anchors relative paths.
    public static func parse(_ text: String, path: String) throws(BindgenFailure) -> BindgenConfig {
        let root = try LocatedJSONParser.parse(text, file: path)
        var reader = ObjectReader(root, path: "the config")
        let base = URL(fileURLWithPath: path).deletingLastPathComponent().standardizedFileURL.path
        func absolute(_ p: String) -> String {
            p.hasPrefix("/") ? p : URL(fileURLWithPath: p, relativeTo: URL(fileURLWithPath: base + "/")).standardizedFileURL.path
        }
        var errors: [Diagnostic] = []
        func collect<T>(_ body: () throws(BindgenFailure) -> T) -> T? {
            do { return try body() } catch { errors.append(contentsOf: error.diagnostics); return nil }
        }

        let entry = collect { () throws(BindgenFailure) in try reader.stringArray("entryHeaders", required: true) } ?? []
        let includes = collect { () throws(BindgenFailure) in try reader.stringArray("includePaths") } ?? []
        let defines = collect { () throws(BindgenFailure) in try reader.stringArray("defines") } ?? []
        let clangArgs = collect { () throws(BindgenFailure) in try reader.stringArray("clangArguments") } ?? []
        let standard = collect { () throws(BindgenFailure) in try reader.string("cLanguageStandard") } ?? nil
        let allow = collect { () throws(BindgenFailure) in try filterLists(reader.object("allow")) } ?? [:]
        let block = collect { () throws(BindgenFailure) in try filterLists(reader.object("block")) } ?? [:]
        let macros = collect { () throws(BindgenFailure) in try functionMacros(reader.array("functionMacros")) } ?? []
        let families = collect { () throws(BindgenFailure) in try macroFamilies(reader.array("macroFamilies")) } ?? []
        let symbolSources = collect { () throws(BindgenFailure) in try reader.stringArray("symbolSources") } ?? []
        let simdFeatures = collect { () throws(BindgenFailure) in try reader.string("simdTargetFeatures") } ?? nil
        let inlineDefinitions = collect { () throws(BindgenFailure) in try reader.stringArray("c99InlineDefinitions") } ?? []
        let outputs = collect { () throws(BindgenFailure) in try reader.object("outputs", required: true) }
        let cName = collect { () throws(BindgenFailure) in try reader.string("cModuleName") } ?? nil
        let swiftName = collect { () throws(BindgenFailure) in try reader.string("swiftModuleName") } ?? nil
        let prefix = collect { () throws(BindgenFailure) in try reader.string("shimPrefix") } ?? nil
        let apiHeaders = collect { () throws(BindgenFailure) -> [String]? in
            guard try reader.array("apiHeaders") != nil else { return nil }
            return try reader.stringArray("apiHeaders")
        } ?? nil
        let regenerate = collect { () throws(BindgenFailure) in try reader.string("regenerateCommand") } ?? nil
        let linkLibraries = collect { () throws(BindgenFailure) in try reader.stringArray("linkLibraries") } ?? []
        let testValueEntries = collect { () throws(BindgenFailure) in try testValues(reader.array("testValues")) } ?? []
        let testSupport = collect { () throws(BindgenFailure) in try reader.stringArray("testSupport") } ?? []
        _ = collect { () throws(BindgenFailure) in try reader.string("$comment") }
        errors.append(contentsOf: reader.unknownKeyErrors())

        var outputConfig: OutputConfig?
        if let outputs = outputs ?? nil {
            var out = ObjectReader(outputs, path: "outputs")
            let c = collect { () throws(BindgenFailure) in try out.string("cModule", required: true) } ?? nil
            let s = collect { () throws(BindgenFailure) in try out.string("swiftModule", required: true) } ?? nil
            let t = collect { () throws(BindgenFailure) in try out.string("layoutTests") } ?? nil
            errors.append(contentsOf: out.unknownKeyErrors())
            if let c, let s { outputConfig = OutputConfig(cModule: absolute(c), swiftModule: absolute(s), layoutTests: t.map(absolute)) }
        }
        if entry.isEmpty && errors.isEmpty {
            errors.append(.error("'entryHeaders' must name at least one header", at: root.location))
        }
        guard errors.isEmpty, let outputConfig else { throw BindgenFailure(errors) }
        let swiftModule = swiftName ?? ConfigDefaults.swiftModuleName(entryHeaders: entry)
        let cModule = cName ?? ConfigDefaults.cModuleName(swiftModuleName: swiftModule)
        var config = BindgenConfig(
            configPath: path, baseDirectory: base, entryHeaders: entry,
            includePaths: includes.isEmpty ? [base] : includes.map(absolute), defines: defines,
            clangArguments: clangArgs, filters: FilterConfig(allow: allow, block: block),
            functionMacros: macros, outputs: outputConfig, cModuleName: cModule,
            swiftModuleName: swiftModule, shimPrefix: prefix ?? ConfigDefaults.shimPrefix(cModuleName: cModule))
        config.c99InlineDefinitions = inlineDefinitions
        config.macroFamilies = families
        if let simdFeatures {
            config.simdTargetFeatures = simdFeatures
            config.simdTargetFeaturesConfigured = true
        }
        if let standard { config.cLanguageStandard = standard }
        config.symbolSources = symbolSources.map(absolute)
        config.apiHeaders = apiHeaders?.map(absolute)
        config.regenerateCommand = regenerate
        config.linkLibraries = linkLibraries
        config.testValues = testValueEntries
        config.testSupport = testSupport
        let problems = ConfigValidation.identifierErrors(config) { key in root.member(key)?.location }
            + ConfigValidation.pathErrors(config) { key, index in root.member(key)?.item(index)?.location }
        if !problems.isEmpty { throw BindgenFailure(problems) }
        return config
    }

    private static func filterLists(_ object: LocatedJSON??) throws(BindgenFailure) -> [DeclarationKind: [String]] {
        guard let object = object ?? nil else { return [:] }
        var reader = ObjectReader(object, path: "filter")
        var result: [DeclarationKind: [String]] = [:]
        var errors: [Diagnostic] = []
        for kind in DeclarationKind.allCases {
            do {
                let items = try reader.locatedStrings(kind.rawValue)
                errors += regexErrors(items)
                result[kind] = items.map(\.0)
            } catch { errors.append(contentsOf: error.diagnostics) }
        }
        errors.append(contentsOf: reader.unknownKeyErrors())
        if !errors.isEmpty { throw BindgenFailure(errors) }
        return result
    }

    /// An error at each pattern that is not a valid regex.
    private static func regexErrors(_ patterns: [(String, SourceLocation)]) -> [Diagnostic] {
        patterns.compactMap { pattern, location in
            do { _ = try Regex(pattern); return nil } catch { return .error("bad regex '\(pattern)': \(error)", at: location) }
        }
    }

    private static func macroFamilies(_ array: [LocatedJSON]?) throws(BindgenFailure) -> [MacroFamilyConfig] {
        var result: [MacroFamilyConfig] = []
        var errors: [Diagnostic] = []
        for item in array ?? [] {
            var reader = ObjectReader(item, path: "macroFamilies entry")
            do {
                let prefix = try reader.string("prefix", required: true) ?? ""
                let name = try reader.string("name")
                let swiftType = try reader.string("swiftType")
                let field = try reader.string("field")
                let kindName = try reader.string("kind")
                let exclude = try reader.locatedStrings("exclude")
                errors += regexErrors(exclude)
                let kind = kindName.map { MacroFamilyConfig.Kind(rawValue: $0) } ?? .optionSet
                if kind == nil {
                    errors.append(.error("'kind' must be one of \(MacroFamilyConfig.Kind.allCases.map(\.rawValue).joined(separator: ", ")), found '\(kindName ?? "")'", at: item.location))
                }
                if prefix.isEmpty { errors.append(.error("'prefix' must not be empty", at: item.location)) }
                if let swiftType, !MacroFamilyPlanner.integerTypes.keys.contains(swiftType) {
                    errors.append(.error("'swiftType' must be a Swift integer type (\(MacroFamilyPlanner.integerTypes.keys.sorted().joined(separator: ", "))), found '\(swiftType)'", at: item.location))
                }
                if swiftType == nil && field == nil {
                    errors.append(.error("macroFamilies entry '\(prefix)' needs 'swiftType' or 'field'", at: item.location))
                }
                result.append(MacroFamilyConfig(prefix: prefix, name: name, swiftType: swiftType, field: field, kind: kind ?? .optionSet, exclude: exclude.map(\.0), location: item.location))
            } catch { errors.append(contentsOf: error.diagnostics) }
            errors.append(contentsOf: reader.unknownKeyErrors())
        }
        if !errors.isEmpty { throw BindgenFailure(errors) }
        return result
    }

    private static func testValues(_ array: [LocatedJSON]?) throws(BindgenFailure) -> [TestValueConfig] {
        var result: [TestValueConfig] = []
        var errors: [Diagnostic] = []
        for item in array ?? [] {
            var reader = ObjectReader(item, path: "testValues entry")
            do {
                let type = try reader.string("type")
                let parameter = try reader.string("parameter")
                let macros = try reader.locatedStrings("macros")
                let value = try reader.string("value", required: true) ?? ""
                let release = try reader.string("release")
                let shared = try reader.bool("shared") ?? false
                errors += regexErrors(macros)
                if type == nil && parameter == nil {
                    errors.append(.error("testValues entry needs 'type' or 'parameter' (which arguments it makes)", at: item.location))
                }
                if value.allSatisfy(\.isWhitespace) { errors.append(.error("'value' must be a C expression, found an empty string", at: item.location)) }
                if let parameter, !ConfigValidation.isIdentifier(parameter) {
                    errors.append(.error("'parameter' must be a C identifier, found '\(parameter)'", at: item.location, code: .invalidIdentifier))
                }
                if let release, !ConfigValidation.isIdentifier(release) {
                    errors.append(.error("'release' must name a C function or macro taking the value, found '\(release)'", at: item.location, code: .invalidIdentifier))
                }
                result.append(TestValueConfig(type: type, parameter: parameter, macros: macros.map(\.0), value: value, release: release, shared: shared, location: item.location))
            } catch { errors.append(contentsOf: error.diagnostics) }
            errors.append(contentsOf: reader.unknownKeyErrors())
        }
        if !errors.isEmpty { throw BindgenFailure(errors) }
        return result
    }

    private static func functionMacros(_ array: [LocatedJSON]?) throws(BindgenFailure) -> [FunctionMacroConfig] {
        var result: [FunctionMacroConfig] = []
        var errors: [Diagnostic] = []
        for item in array ?? [] {
            var reader = ObjectReader(item, path: "functionMacros entry")
            do {
                let name = try reader.string("name", required: true) ?? ""
                let returns = try reader.string("returns", required: true) ?? ""
                let params = try reader.stringArray("parameters")
                let expression = try reader.string("expression")
                let nonnull = try reader.bool("returnsNonnull") ?? false
                result.append(FunctionMacroConfig(name: name, returns: returns, parameters: params, expression: expression, returnsNonnull: nonnull, location: item.location))
            } catch { errors.append(contentsOf: error.diagnostics) }
            errors.append(contentsOf: reader.unknownKeyErrors())
        }
        if !errors.isEmpty { throw BindgenFailure(errors) }
        return result
    }
}

extension LocatedJSON {
    /// The value of `key` when this is an object that has it.
    func member(_ key: String) -> LocatedJSON? {
        guard case .object(let members) = value else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The `index`th element when this is an array that long.
    func item(_ index: Int) -> LocatedJSON? {
        guard case .array(let items) = value, items.indices.contains(index) else { return nil }
        return items[index]
    }
}

/// Reads the members of one JSON object, remembering which keys were used so the rest can be
/// reported as unknown.
struct ObjectReader {
    private let members: [JSONMember]
    private let location: SourceLocation
    private let path: String
    private var used: Set<String> = []
    private let isObject: Bool

    init(_ json: LocatedJSON, path: String) {
        if case .object(let members) = json.value {
            self.members = members
            isObject = true
        } else {
            members = []
            isObject = false
        }
        location = json.location
        self.path = path
    }

    private mutating func member(_ key: String, required: Bool) throws(BindgenFailure) -> LocatedJSON? {
        guard isObject else { throw BindgenFailure([.error("\(path) must be an object", at: location)]) }
        used.insert(key)
        guard let member = members.first(where: { $0.key == key }) else {
            if required { throw BindgenFailure([.error("\(path) is missing required key '\(key)'", at: location)]) }
            return nil
        }
        return member.value
    }

    private func typeError(_ key: String, _ expected: String, _ value: LocatedJSON) -> BindgenFailure {
        BindgenFailure([.error("'\(key)' must be \(expected), found \(value.value.typeName)", at: value.location)])
    }

    mutating func string(_ key: String, required: Bool = false) throws(BindgenFailure) -> String? {
        guard let value = try member(key, required: required) else { return nil }
        guard case .string(let s) = value.value else { throw typeError(key, "a string", value) }
        return s
    }

    mutating func bool(_ key: String) throws(BindgenFailure) -> Bool? {
        guard let value = try member(key, required: false) else { return nil }
        guard case .bool(let b) = value.value else { throw typeError(key, "a boolean", value) }
        return b
    }

    mutating func object(_ key: String, required: Bool = false) throws(BindgenFailure) -> LocatedJSON? {
        guard let value = try member(key, required: required) else { return nil }
        guard case .object = value.value else { throw typeError(key, "an object", value) }
        return value
    }

    mutating func array(_ key: String) throws(BindgenFailure) -> [LocatedJSON]? {
        guard let value = try member(key, required: false) else { return nil }
        guard case .array(let items) = value.value else { throw typeError(key, "an array", value) }
        return items
    }

    mutating func locatedStrings(_ key: String, required: Bool = false) throws(BindgenFailure) -> [(String, SourceLocation)] {
        guard let value = try member(key, required: required) else { return [] }
        guard case .array(let items) = value.value else { throw typeError(key, "an array of strings", value) }
        var result: [(String, SourceLocation)] = []
        for item in items {
            guard case .string(let s) = item.value else { throw typeError(key, "an array of strings", item) }
            result.append((s, item.location))
        }
        return result
    }

    mutating func stringArray(_ key: String, required: Bool = false) throws(BindgenFailure) -> [String] {
        try locatedStrings(key, required: required).map(\.0)
    }

    func unknownKeyErrors() -> [Diagnostic] {
        members.filter { !used.contains($0.key) }.map {
            .error("unknown key '\($0.key)' in \(path)", at: $0.keyLocation)
        }
    }
}
