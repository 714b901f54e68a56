import Foundation
internal import CClang

/// Parses a generated main file made of one probe line per key (a macro's evaluation, a
/// function-like macro's instantiation) after a fixed prefix, so that one probe's failure
/// cannot hide the others.
///
/// clang stops the whole translation unit at a fatal error (a macro whose expansion nests
/// brackets 256 deep): every probe after it would silently get no result. Each fatal error is
/// charged to the probe on its line, that line is dropped, and the rest is parsed again, so
/// every other probe still gets its answer and the failing one gets clang's exact message.
struct IsolatedParse {
    /// The translation unit of the last parse: every probe that did not fail fatally.
    let unit: TranslationUnit
    /// The main-file line of each probe that was parsed in `unit`.
    let lines: [Int: String]
    /// Probes dropped after a fatal error, with clang's message.
    let fatal: [String: String]
    /// Every error and warning clang reported on a probe's line, in order, by key.
    let diagnostics: [String: [Diagnostic]]

    /// Parses `prefix` followed by the probes, retrying without each fatally failing probe.
    init(mainFile: String, prefix: [String], probes: [(key: String, text: String)], arguments: [String], base: String) throws(BindgenFailure) {
        var remaining = probes
        var fatal: [String: String] = [:]
        while true {
            var source = prefix
            var lines: [Int: String] = [:]
            for probe in remaining {
                lines[source.count + 1] = probe.key
                source.append(probe.text)
            }
            let unit = try TranslationUnit(mainFile: mainFile, source: source.joined(separator: "\n") + "\n", arguments: arguments)
            let all = unit.classifiedDiagnostics(relativeTo: base)
            let mainName = URL(fileURLWithPath: mainFile).lastPathComponent
            var byKey: [String: [Diagnostic]] = [:]
            var fatalKey: String?
            for (d, isFatal) in all {
                guard let location = d.location, location.file == mainName || location.file == mainFile, let key = lines[location.line] else {
                    if isFatal { throw BindgenFailure([Diagnostic(.error, "clang stopped on a fatal error outside the generated probes: \(d.message)", at: d.location)]) }
                    continue
                }
                if isFatal, fatalKey == nil {
                    fatalKey = key
                    fatal[key] = d.message
                }
                byKey[key, default: []].append(d)
            }
            if let fatalKey {
                remaining.removeAll { $0.key == fatalKey }
                continue
            }
            self.unit = unit
            self.lines = lines
            self.fatal = fatal
            self.diagnostics = byKey
            return
        }
    }

    /// The first error on a probe's line (or its fatal error), if any.
    func error(_ key: String) -> String? {
        fatal[key] ?? diagnostics[key]?.first { $0.severity == .error }?.message
    }
}
