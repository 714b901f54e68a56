extension CNEConfig {
    /// The page size umem memory is mapped with: jcfg's `mtype`.
    ///
    /// jcfg maps an unknown name silently to the default; CNE rejects it. Names match in any
    /// letter case, and the empty string means the default, as in jcfg.
    public enum MemoryType: String, Sendable, Equatable, CaseIterable {
        /// The system's default pages (jcfg's `"default"` or an empty or missing `mtype`).
        case systemDefault = "default"
        /// 4 KiB pages, `"4KB"`.
        case pages4KB = "4KB"
        /// 2 MiB huge pages, `"2MB"`.
        case hugePages2MB = "2MB"
        /// 1 GiB huge pages, `"1GB"`.
        case hugePages1GB = "1GB"

        static func decode(_ text: String, at location: SourceLocation?, keyPath: ConfigKeyPath) throws(CNEError) -> MemoryType {
            if text.isEmpty { return .systemDefault }
            guard let type = allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() }) else {
                throw .config(.invalidValue, "unknown memory type \(ConfigText.quoted(text)) (expected one of: 4KB, 2MB, 1GB, default)", at: location, keyPath: keyPath)
            }
            return type
        }
    }
}
