internal import CClang

extension CXString {
    /// Converts to a Swift string and disposes of the libclang string.
    func consume() -> String {
        defer { clang_disposeString(self) }
        guard let c = clang_getCString(self) else { return "" }
        return String(cString: c)
    }
}
