/// Which variadic functions get a fixed-arity `"%s"` wrapper: only printf-like ones, whose
/// variadic arguments are consumed as the format says. A sentinel-terminated list (`execl`:
/// arguments up to a NULL the caller passes) called with none would be undefined behaviour.
enum VariadicPolicy {
    /// The index of the format parameter, or nil with the reason the function is not wrapped.
    static func formatIndex(of f: Function) -> Result<Int, Rejection> {
        if f.hasSentinelAttribute { return .failure(Rejection("variadic arguments end with a sentinel (NULL); they cannot be forwarded as one string")) }
        guard let last = f.parameters.indices.last, isCharPointer(f.parameters[last].type) else {
            return .failure(Rejection("variadic function whose last fixed parameter is not a format string"))
        }
        let parameter = f.parameters[last].name.lowercased()
        let name = f.name.lowercased()
        let looksLikeFormat = f.hasFormatAttribute || parameter.contains("fmt") || parameter.contains("format")
            || name.contains("printf") || name.hasSuffix("fmt")
        guard looksLikeFormat else {
            return .failure(Rejection("variadic function without a format attribute or a format parameter (a `char *` named fmt/format, or a printf-named function); its variadic arguments may not be printf-like"))
        }
        return .success(last)
    }

    /// `char *` or `const char *`: a format may be either.
    private static func isCharPointer(_ type: CType) -> Bool {
        if case .pointer(let pointee, _) = type.desugared, case .builtin(.char) = pointee.desugared { return true }
        return false
    }

    /// Why a function is not wrapped.
    struct Rejection: Error {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }
}
