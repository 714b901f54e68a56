extension CNEConfig {
    /// Sections that jcfg's own applications define (CNDP's `lport-groups`, `users`): kept in
    /// ``extraSections`` without a warning.
    static let applicationSectionNames: Set<String> = ["lport-groups", "users"]

    /// The known section a misspelt name probably means (one edit away, or the same letters
    /// with one more or one fewer), or nil.
    static func nearestSection(to name: String) -> String? {
        let lowered = Array(name.lowercased().unicodeScalars)
        return sectionNames.first { known in
            editDistance(lowered, Array(known.unicodeScalars), limit: 2) <= 2
        }
    }

    /// A warning for a top-level section CNE does not decode: applications may define their
    /// own, but a typo of a known section (`"lportz"`) would silently drop it.
    static func unknownSectionWarning(_ member: JSONCMember) -> ConfigWarning {
        var message = "unknown section ignored"
        if let near = nearestSection(to: member.key) {
            message += " (did you mean \(ConfigText.quoted(near))?)"
        } else {
            message += " (CNE reads: \(sectionNames.joined(separator: ", ")))"
        }
        return ConfigWarning(location: member.keyLocation, keyPath: [member.key], message: message)
    }

    /// Levenshtein distance, stopping early once it exceeds `limit` (names are short).
    private static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
