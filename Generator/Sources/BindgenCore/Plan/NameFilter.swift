/// The compiled allow and block patterns of a configuration. Patterns match whole names.
struct NameFilter {
    private var allow: [DeclarationKind: [Regex<AnyRegexOutput>]] = [:]
    private var block: [DeclarationKind: [Regex<AnyRegexOutput>]] = [:]

    /// Compiles the patterns (the config loader has already reported bad ones).
    init(_ config: FilterConfig) {
        for (kind, patterns) in config.allow { allow[kind] = patterns.compactMap { try? Regex($0) } }
        for (kind, patterns) in config.block { block[kind] = patterns.compactMap { try? Regex($0) } }
    }

    /// Why `name` is filtered out, or nil when it is kept. An empty allowlist allows all.
    func rejection(of name: String, as kind: DeclarationKind) -> SkipReason? {
        if block[kind, default: []].contains(where: { name.wholeMatch(of: $0) != nil }) { return .blocklisted }
        let allowed = allow[kind, default: []]
        if !allowed.isEmpty && !allowed.contains(where: { name.wholeMatch(of: $0) != nil }) { return .notAllowlisted }
        return nil
    }
}
