/// One message of the generator: an error that stops it, a warning, or a note such as a skip.
///
/// Every declaration the generator does not emit is one `Diagnostic` with `skip` set, so the
/// skipped report can be built from the diagnostics alone and nothing is dropped silently.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    /// How serious a diagnostic is.
    public enum Severity: String, Hashable, Sendable, Comparable, Codable {
        /// Information, such as a declaration left out by the configuration.
        case note
        /// Something the user should look at; generation still succeeds.
        case warning
        /// Generation fails and writes nothing.
        case error

        private var rank: Int {
            switch self {
            case .note: 0
            case .warning: 1
            case .error: 2
            }
        }

        /// Orders note < warning < error.
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// The severity.
    public var severity: Severity
    /// What happened, in one sentence.
    public var message: String
    /// Where, when the diagnostic is about a place in a file.
    public var location: SourceLocation?
    /// The C name of the declaration the diagnostic is about, if any.
    public var symbol: String?
    /// Set when the diagnostic records a declaration that was not emitted.
    public var skip: SkipReason?
    /// What kind of problem an error is, for callers that handle some of them (nil: unclassified).
    public var code: DiagnosticCode?

    /// Creates a diagnostic.
    public init(
        _ severity: Severity, _ message: String, at location: SourceLocation? = nil,
        symbol: String? = nil, skip: SkipReason? = nil
    ) {
        self.severity = severity
        self.message = message
        self.location = location
        self.symbol = symbol
        self.skip = skip
    }

    /// An error.
    public static func error(_ message: String, at location: SourceLocation? = nil, code: DiagnosticCode? = nil) -> Diagnostic {
        var diagnostic = Diagnostic(.error, message, at: location)
        diagnostic.code = code
        return diagnostic
    }

    /// A skipped declaration: a note when the configuration asked for it, else a warning.
    public static func skipped(
        _ symbol: String, _ reason: SkipReason, _ detail: String, at location: SourceLocation?
    ) -> Diagnostic {
        Diagnostic(
            reason.isByConfiguration ? .note : .warning, "skipped '\(symbol)': \(detail)",
            at: location, symbol: symbol, skip: reason)
    }

    /// `file:line:column: severity: message`, as compilers print diagnostics.
    public var description: String {
        let prefix = location.map { "\($0): " } ?? ""
        return "\(prefix)\(severity.rawValue): \(message)"
    }
}

/// Why a declaration was not emitted.
public enum SkipReason: String, Hashable, Sendable, Codable, CaseIterable {
    /// No allowlist pattern matches the name.
    case notAllowlisted = "not allowlisted"
    /// A blocklist pattern matches the name.
    case blocklisted = "blocklisted"
    /// The Swift importer already imports it correctly; emitting it again would clash.
    case importedBySwift = "imported by Swift"
    /// The macro has no value (a flag, an attribute, a keyword).
    case notAConstant = "not a constant expression"
    /// The macro takes parameters and has no configured signature.
    case functionLikeMacro = "function-like macro without a configured signature"
    /// Another declaration already uses the name.
    case nameClash = "name clash"
    /// The construct has no faithful Swift spelling yet.
    case unsupported = "unsupported"
    /// The library defines no such symbol: the prototype would fail to link.
    case noDefinition = "no definition in the library"

    /// True when the configuration, not a limitation of the generator, caused the skip.
    public var isByConfiguration: Bool {
        switch self {
        case .notAllowlisted, .blocklisted, .importedBySwift, .notAConstant, .functionLikeMacro: true
        case .nameClash, .unsupported, .noDefinition: false
        }
    }
}

/// The set of diagnostics of one run, in the order they were produced.
public struct DiagnosticLog: Sendable {
    /// Every diagnostic so far.
    public private(set) var all: [Diagnostic] = []

    /// An empty log.
    public init() {}

    /// Appends a diagnostic.
    public mutating func emit(_ diagnostic: Diagnostic) { all.append(diagnostic) }

    /// Appends several diagnostics.
    public mutating func emit(contentsOf diagnostics: [Diagnostic]) { all.append(contentsOf: diagnostics) }

    /// True when any diagnostic is an error.
    public var hasErrors: Bool { all.contains { $0.severity == .error } }

    /// The errors only.
    public var errors: [Diagnostic] { all.filter { $0.severity == .error } }

    /// The skip records, sorted by symbol for deterministic reports.
    public var skips: [Diagnostic] {
        all.filter { $0.skip != nil }.sorted { ($0.symbol ?? "", $0.message) < ($1.symbol ?? "", $1.message) }
    }
}

/// Thrown when a run stops on errors; carries them for printing.
public struct BindgenFailure: Error, Sendable, CustomStringConvertible {
    /// The diagnostics that made the run fail (at least one error).
    public var diagnostics: [Diagnostic]

    /// Creates a failure.
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    /// One diagnostic per line.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
