/// The kind of an error, so a caller can tell problems apart without parsing messages.
///
/// A struct over a string rather than an enum: new codes can be added without breaking
/// callers that switch over the ones they know.
public struct DiagnosticCode: Hashable, Sendable, CustomStringConvertible {
    /// The code's stable name.
    public let name: String

    private init(_ name: String) { self.name = name }

    /// Two output directories are the same, or one lies inside another.
    public static let overlappingOutputs = DiagnosticCode("overlapping-outputs")
    /// An output directory (or its parent) is read-only.
    public static let readOnlyOutput = DiagnosticCode("read-only-output")
    /// An output directory holds files the generator did not write.
    public static let foreignOutput = DiagnosticCode("foreign-output")
    /// Writing or swapping the output failed; the previous output was put back.
    public static let outputWriteFailed = DiagnosticCode("output-write-failed")
    /// A module name or the shim prefix is not a C/Swift identifier.
    public static let invalidIdentifier = DiagnosticCode("invalid-identifier")
    /// An include path or API header directory does not exist.
    public static let missingPath = DiagnosticCode("missing-path")
    /// The config file is not valid UTF-8.
    public static let invalidUTF8 = DiagnosticCode("invalid-utf8")

    /// The stable name.
    public var description: String { name }
}
