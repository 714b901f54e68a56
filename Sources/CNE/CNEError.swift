/// The one error type of the CNE package: every throwing API is `throws(CNEError)`.
///
/// A struct over an internal enum rather than a public enum, so that new kinds of failure
/// can be added without breaking code that switches over them (swift-nio-ssl's lesson).
/// Switch on ``code`` to react; print the error (``description``) to tell a person.
public struct CNEError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, coarsely: the part of an error a program reacts to.
    public enum Code: Sendable, Hashable {
        /// A configuration could not be parsed, decoded or validated; the payload says how.
        case config(ConfigProblem)
        /// An argument given to an API was out of its domain.
        case invalidArgument
        /// A system call failed with this errno.
        case system(Int32)
        /// The port is down (link or interface not up).
        case portDown
        /// The thing was already initialised and can be initialised only once.
        case alreadyInitialised
        /// The thread or object was not registered with CNE.
        case notRegistered
        /// A pool, ring or table has no room or no entries left.
        case exhausted
        /// The object is in use (an instance with registered threads running), or closed.
        case busy
    }

    /// The ways a configuration can be wrong.
    public enum ConfigProblem: Sendable, Hashable {
        /// The text is not JSON-C as json-c's tokener accepts it (bad character, unexpected end).
        case syntax
        /// The same key appears twice in one object (json-c would silently keep the last).
        case duplicateKey
        /// Arrays and objects nest deeper than json-c's limit of 32 levels.
        case nestingTooDeep
        /// Something follows the top-level value (jcfg would silently parse or ignore it).
        case trailingContent
        /// A value has the wrong JSON type, e.g. a string where an integer is expected.
        case typeMismatch
        /// A required key is absent.
        case missingKey
        /// A key that jcfg would read under another spelling (case, prefix): almost surely a typo.
        case unknownKey
        /// A name refers to an umem, region, lport or lcore group that does not exist.
        case unknownReference
        /// A number is outside the range its field allows.
        case outOfRange
        /// A value has the right type but a meaning that is not allowed.
        case invalidValue
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

    init(_ kind: Kind, context: String = "", message: String) {
        self.kind = kind
        self.context = context
        self.message = message
    }

    /// The coarse code to switch on.
    public var code: Code {
        switch kind {
        case .config(let problem, _, _, _): return .config(problem)
        case .runtime(let code): return code
        }
    }

    /// The errno of a failed system call, if that is what this error is.
    public var errno: Int32? {
        if case .runtime(.system(let value)) = kind { return value }
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

    /// `file:line:column: error: key.path: message`, the shape compilers use, so editors can jump to it.
    public var description: String {
        var text = ""
        if let location { text += "\(location): " }
        text += "error: "
        if !context.isEmpty { text += "\(context): " }
        if let keyPath, !keyPath.isEmpty { text += "\(keyPath): " }
        text += message
        if let errno { text += " (errno \(errno))" }
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

    /// A failed system call, with the operation that made it.
    static func system(_ errno: Int32, _ operation: String, _ message: String) -> CNEError {
        CNEError(.runtime(.system(errno)), context: operation, message: message)
    }
}
