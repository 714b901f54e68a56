/// Where a value sits in a configuration document, e.g. `lports."eth0:0".umem` or `umems.umem0.regions[1]`.
///
/// Keys that are not plain words (letters, digits, `_` and `-`) are quoted, so the path reads back unambiguously.
public struct ConfigKeyPath: Sendable, Hashable, CustomStringConvertible, ExpressibleByArrayLiteral {
    /// One step of a key path.
    public enum Component: Sendable, Hashable {
        /// A key of an object.
        case key(String)
        /// An index into an array, from 0.
        case index(Int)
    }

    /// The steps from the document root.
    public var components: [Component]

    /// Makes a path from its steps.
    public init(_ components: [Component] = []) { self.components = components }

    /// Makes a path of object keys, e.g. `["lports", "eth0:0", "umem"]`.
    public init(arrayLiteral elements: String...) { components = elements.map(Component.key) }

    /// Whether this is the document root.
    public var isEmpty: Bool { components.isEmpty }

    /// This path extended by a key.
    public func appending(_ key: String) -> ConfigKeyPath { ConfigKeyPath(components + [.key(key)]) }

    /// This path extended by an array index.
    public func appending(index: Int) -> ConfigKeyPath { ConfigKeyPath(components + [.index(index)]) }

    /// The path as written in error messages.
    public var description: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let key):
                if !text.isEmpty { text += "." }
                text += Self.isPlain(key) ? key : Self.quoted(key)
            case .index(let index):
                text += "[\(index)]"
            }
        }
        return text
    }

    private static func isPlain(_ key: String) -> Bool {
        !key.isEmpty && key.unicodeScalars.allSatisfy { scalar in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "_", "-": return true
            default: return false
            }
        }
    }

    private static func quoted(_ key: String) -> String { ConfigText.quoted(key) }
}
