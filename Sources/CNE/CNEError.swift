/// The one error type of the CNE package: every throwing API is `throws(CNEError)`.
///
/// A struct over an internal enum rather than a public enum, and so are its ``Code`` and
/// ``ConfigProblem``: new kinds of failure can be added without breaking code that switches
/// over them (swift-nio-ssl's and swift-service-lifecycle's lesson). Compare ``code`` with
/// the static members (`error.code == .portDown`, `case .busy:` in a `switch`) to react;
/// print the error (``description``) to tell a person.
public struct CNEError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, coarsely: the part of an error a program reacts to.
    ///
    /// Compare with the static members; `switch` over it needs a `default:`, since codes are
    /// added as the API grows.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        enum Base: Sendable, Hashable {
            case config(ConfigProblem)
            case invalidArgument
            case system(Int32)
            case portDown
            case alreadyInitialised
            case notRegistered
            case exhausted
            case busy
        }

        let base: Base

        init(_ base: Base) { self.base = base }

        /// A configuration could not be parsed, decoded or validated; the problem says how.
        public static func config(_ problem: ConfigProblem) -> Code { Code(.config(problem)) }
        /// An argument given to an API was out of its domain.
        public static let invalidArgument = Code(.invalidArgument)
        /// A system call failed with this errno (``CNEError/errno`` has it too).
        public static func system(_ errno: Int32) -> Code { Code(.system(errno)) }
        /// The port is down (link or interface not up).
        public static let portDown = Code(.portDown)
        /// The thing was already initialised and can be initialised only once.
        public static let alreadyInitialised = Code(.alreadyInitialised)
        /// The thread or object was not registered with CNE.
        public static let notRegistered = Code(.notRegistered)
        /// A pool, ring or table has no room or no entries left.
        public static let exhausted = Code(.exhausted)
        /// The object is in use (an instance with registered threads running, a receive
        /// queue already taken), or closed.
        public static let busy = Code(.busy)

        /// The configuration problem, when this is a configuration error.
        public var configProblem: ConfigProblem? {
            if case .config(let problem) = base { return problem }
            return nil
        }

        /// The code's name, e.g. `portDown`, `system(ENODEV)`, `config(syntax)`.
        public var description: String {
            switch base {
            case .config(let problem): return "config(\(problem))"
            case .invalidArgument: return "invalidArgument"
            case .system(let errno): return "system(\(ErrnoName.name(errno)))"
            case .portDown: return "portDown"
            case .alreadyInitialised: return "alreadyInitialised"
            case .notRegistered: return "notRegistered"
            case .exhausted: return "exhausted"
            case .busy: return "busy"
            }
        }
    }

    /// The ways a configuration can be wrong; compare with the static members.
    public struct ConfigProblem: Sendable, Hashable, CustomStringConvertible {
        enum Base: String, Sendable, Hashable {
            case syntax, duplicateKey, nestingTooDeep, trailingContent, typeMismatch, missingKey
            case unknownKey, unknownReference, outOfRange, invalidValue, unknownDriver, noPorts
        }

        let base: Base

        init(_ base: Base) { self.base = base }

        /// The text is not JSON-C as json-c's tokener accepts it (bad character, unexpected end).
        public static let syntax = ConfigProblem(.syntax)
        /// The same key appears twice in one object (json-c would silently keep the last).
        public static let duplicateKey = ConfigProblem(.duplicateKey)
        /// Arrays and objects nest deeper than json-c's limit of 32 levels.
        public static let nestingTooDeep = ConfigProblem(.nestingTooDeep)
        /// Something follows the top-level value (jcfg would silently parse or ignore it).
        public static let trailingContent = ConfigProblem(.trailingContent)
        /// A value has the wrong JSON type, e.g. a string where an integer is expected.
        public static let typeMismatch = ConfigProblem(.typeMismatch)
        /// A required key is absent.
        public static let missingKey = ConfigProblem(.missingKey)
        /// A key that jcfg would read under another spelling (case, prefix): almost surely a typo.
        public static let unknownKey = ConfigProblem(.unknownKey)
        /// A name refers to an umem, region, lport or lcore group that does not exist.
        public static let unknownReference = ConfigProblem(.unknownReference)
        /// A number is outside the range its field allows.
        public static let outOfRange = ConfigProblem(.outOfRange)
        /// A value has the right type but a meaning that is not allowed.
        public static let invalidValue = ConfigProblem(.invalidValue)
        /// An lport's `pmd` names a driver this build does not have.
        public static let unknownDriver = ConfigProblem(.unknownDriver)
        /// The config has no lports (a misspelt `lports` section, or an empty one).
        public static let noPorts = ConfigProblem(.noPorts)

        /// The problem's name, e.g. `syntax`.
        public var description: String { base.rawValue }
    }

    /// The payload, one case per family; internal so families can gain fields and cases.
    enum Kind: Sendable, Equatable {
        case config(ConfigProblem, location: SourceLocation?, keyPath: ConfigKeyPath?, related: SourceLocation?)
        case runtime(Code)
    }

    let kind: Kind
    /// What was being done when the error happened (an operation name, a file), if known.
    public let context: String
    /// What went wrong and, where it helps, what was expected instead.
    public let message: String
    /// What to do about it, printed last: after a failed call's cause, so the cause stays
    /// next to the call it explains (empty when there is nothing to suggest).
    let remedy: String

    init(_ kind: Kind, context: String = "", message: String, remedy: String = "") {
        self.kind = kind
        self.context = context
        self.message = message
        self.remedy = remedy
    }

    /// The coarse code to compare or switch on.
    public var code: Code {
        switch kind {
        case .config(let problem, _, _, _): return .config(problem)
        case .runtime(let code): return code
        }
    }

    /// The errno of a failed system call, if that is what this error is.
    public var errno: Int32? {
        if case .runtime(let code) = kind, case .system(let value) = code.base { return value }
        return nil
    }

    /// For configuration errors: where in the file the problem is, if it came from a file.
    public var location: SourceLocation? {
        if case .config(_, let location, _, _) = kind { return location }
        return nil
    }

    /// For configuration errors: the key path of the offending value, e.g. `lports."eth0:0".umem`.
    public var keyPath: ConfigKeyPath? {
        if case .config(_, _, let keyPath, _) = kind { return keyPath }
        return nil
    }

    /// For configuration errors that involve two places (a duplicate key): the other place.
    public var relatedLocation: SourceLocation? {
        if case .config(_, _, _, let related) = kind { return related }
        return nil
    }

    /// `file:line:column: error: key.path: message`, the shape compilers use, so editors can
    /// jump to it; a failed system call ends with the cause in words and its errno name,
    /// `: No such device (ENODEV)`, then what to do about it when CNE knows.
    public var description: String {
        var text = ""
        if let location { text += "\(location): " }
        text += "error: "
        if !context.isEmpty { text += "\(context): " }
        if let keyPath, !keyPath.isEmpty { text += "\(keyPath): " }
        text += message
        if let errno { text += ": \(ErrnoName.describe(errno))" }
        if !remedy.isEmpty { text += "; \(remedy)" }
        return text
    }
}

extension CNEError {
    /// A configuration error at a place in a document (or in a config built in code, without one).
    static func config(
        _ problem: ConfigProblem, _ message: String, at location: SourceLocation?,
        keyPath: ConfigKeyPath?, related: SourceLocation? = nil
    ) -> CNEError {
        CNEError(.config(problem, location: location, keyPath: keyPath, related: related), message: message)
    }

    /// A failed system call, with the operation that made it (`socket`, `bind`) and what
    /// was being attempted: for layers built on CNE (the runtime's endpoint) as well.
    public static func system(_ errno: Int32, _ operation: String, _ message: String) -> CNEError {
        CNEError(.runtime(.system(errno)), context: operation, message: message)
    }

    /// A failed system call with what to do about it, printed after the cause.
    static func system(_ errno: Int32, _ operation: String, _ message: String, remedy: String) -> CNEError {
        CNEError(.runtime(.system(errno)), context: operation, message: message, remedy: remedy)
    }

    /// An argument out of its domain, with what was being done and what was wrong.
    public static func invalidArgument(_ context: String, _ message: String) -> CNEError {
        CNEError(.runtime(.invalidArgument), context: context, message: message)
    }
}
