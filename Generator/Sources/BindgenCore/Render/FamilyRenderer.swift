/// Renders `MacroFamilies.swift`: one option set or namespace per configured family, and the
/// typed accessor on the record member the family feeds.
enum FamilyRenderer {
    static func render(_ plan: GenerationPlan) -> GeneratedFile {
        var w = TextWriter()
        w.line(Banner.swift(plan))
        w.line()
        w.line("import \(plan.config.cModuleName)")
        for family in plan.families {
            w.line()
            family.config.kind == .optionSet ? optionSet(family, into: &w) : namespace(family, into: &w)
        }
        return GeneratedFile(root: .swiftModule, path: "MacroFamilies.swift", contents: w.text)
    }

    static func typeDescription(_ family: MacroFamily) -> String {
        let fed = family.target.map { " (the type of `\($0.record.name).\($0.field.name)`)" } ?? ""
        return "`\(family.config.prefix)*` constants typed `\(family.swiftType)`\(fed)"
    }

    static func memberDoc(_ m: MacroFamily.Member) -> String {
        "/// `\(m.definition)` (\(m.location.file):\(m.location.line))."
    }

    static func optionSet(_ family: MacroFamily, into w: inout TextWriter) {
        let t = family.swiftType
        w.line("/// \(typeDescription(family)), as an option set.")
        w.block("public struct \(family.name): OptionSet, Sendable, Hashable {") { w in
            w.line("/// The C value.")
            w.line("public var rawValue: \(t)")
            w.line()
            w.line("/// Wraps a C value.")
            w.line("@inlinable public init(rawValue: \(t)) { self.rawValue = rawValue }")
            for m in family.members {
                w.line()
                w.line(memberDoc(m))
                w.line("public static let \(SwiftModuleRenderer.identifier(m.swiftName)) = \(family.name)(rawValue: \(m.literal))")
            }
        }
        guard let target = family.target, let accessor = target.accessor else { return }
        let field = SwiftModuleRenderer.identifier(target.field.name)
        w.line()
        w.block("extension \(target.swiftRecord) {") { w in
            w.line("/// `\(target.field.name)` as `\(family.name)`.")
            w.block("@inlinable public var \(accessor): \(family.name) {") { w in
                w.line("get { \(family.name)(rawValue: \(field)) }")
                w.line("\(target.isView ? "nonmutating " : "")set { \(field) = newValue.rawValue }")
            }
        }
    }

    static func namespace(_ family: MacroFamily, into w: inout TextWriter) {
        w.line("/// \(typeDescription(family)).")
        w.block("public enum \(family.name) {") { w in
            for (i, m) in family.members.enumerated() {
                if i > 0 { w.line() }
                w.line(memberDoc(m))
                w.line("public static let \(SwiftModuleRenderer.identifier(m.swiftName)): \(family.swiftType) = \(m.literal)")
            }
        }
    }
}
