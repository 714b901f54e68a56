/// Something in a config that CNE ignored, as jcfg would, but a person may want to know about.
public struct ConfigWarning: Sendable, Equatable, CustomStringConvertible {
    /// Where it is, if the config came from a document.
    public var location: SourceLocation?
    /// The key path of the ignored value.
    public var keyPath: ConfigKeyPath
    /// What was ignored and why.
    public var message: String

    /// `file:line:column: warning: key.path: message`.
    public var description: String {
        (location.map { "\($0): " } ?? "") + "warning: \(keyPath): \(message)"
    }
}

/// Where each value of a decoded document was, and what was ignored on the way.
///
/// Provenance is not part of a config's value: two configs with the same settings are equal
/// whether they were read from different files or built in code.
struct ConfigProvenance: Sendable, Equatable {
    var locations: [ConfigKeyPath: SourceLocation] = [:]
    var warnings: [ConfigWarning] = []

    static func == (lhs: ConfigProvenance, rhs: ConfigProvenance) -> Bool { true }

    func location(_ path: ConfigKeyPath) -> SourceLocation? {
        // The nearest recorded ancestor: a missing key is reported at its object.
        var components = path.components
        while true {
            if let location = locations[ConfigKeyPath(components)] { return location }
            if components.isEmpty { return nil }
            components.removeLast()
        }
    }

    /// Records the location of every value under `node`.
    mutating func record(_ node: JSONCNode, at path: ConfigKeyPath) {
        locations[path] = node.location
        switch node.value {
        case .array(let elements):
            for (index, element) in elements.enumerated() { record(element, at: path.appending(index: index)) }
        case .object(let members):
            for member in members { record(member.value, at: path.appending(member.key)) }
        default:
            break
        }
    }
}
