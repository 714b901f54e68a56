/// CNE: the safe Swift API for building network functions on CNDP.
///
/// Start with ``CNEConfig`` to load a CNDP JSON-C configuration file.
public enum CNEVersion {
    /// The version of this package's API.
    public static let string = "0.1.0"
}
