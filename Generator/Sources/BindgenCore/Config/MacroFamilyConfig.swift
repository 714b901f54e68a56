/// A family of integer constants (macros, or constants of anonymous enums) sharing a name
/// prefix, emitted as one Swift type whose members have the type of the field they feed.
///
/// The importer types `#define LPORT_BUSY_POLLING (1 << 3)` as `Int32` and anonymous-enum
/// constants as `Int`, so `cfg.flags = LPORT_BUSY_POLLING` (a `uint16_t` field) does not
/// compile. A family gives `LportFlags.busyPolling` of the field's type instead.
public struct MacroFamilyConfig: Sendable, Hashable {
    /// How the family is emitted.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// `struct Name: OptionSet` with one static member per flag, plus a typed accessor on
        /// the record when `field` is set. Members: the macros whose definition shifts (`<<`)
        /// or ors (`|`), and the anonymous-enum constants.
        case optionSet
        /// `enum Name` (no cases) with one typed `static let` per constant.
        case constants
    }

    /// The name prefix (`LPORT_`); member names are the rest, in lowerCamelCase.
    public var prefix: String
    /// The Swift type's name; default: the prefix in UpperCamelCase, plus `Flags` for an option set.
    public var name: String?
    /// The integer type of the members (`UInt16`); default: the type of `field`.
    public var swiftType: String?
    /// `record.member` the constants are assigned to (`lport_cfg_t.flags`).
    public var field: String?
    /// How the family is emitted.
    public var kind: Kind
    /// Regexes of names to leave out of the family (matched against the whole name).
    public var exclude: [String]
    /// Where the entry starts in the config file.
    public var location: SourceLocation?

    /// Creates one.
    public init(prefix: String, name: String? = nil, swiftType: String? = nil, field: String? = nil, kind: Kind = .optionSet, exclude: [String] = [], location: SourceLocation? = nil) {
        self.prefix = prefix
        self.name = name
        self.swiftType = swiftType
        self.field = field
        self.kind = kind
        self.exclude = exclude
        self.location = location
    }
}
