extension CNEConfig {
    /// An entry of the `lcore-groups` section: a named set of CPUs threads are pinned to.
    ///
    /// The document gives an array of CPU numbers and strings; a string is a comma-separated
    /// list of `"N"` and `"A-B"` items (spaces around items allowed).
    ///
    /// Decisions against jcfg's bugs:
    /// - `"10-14,16"` means CPUs 10 to 14 and 16 (jcfg silently drops `,16`).
    /// - A reversed range such as `"5-3"` is an error (jcfg makes it an empty set).
    /// - Text that is not a number is an error (jcfg's `atoi` reads `"x"` as CPU 0).
    /// - A group must not be empty, and a value that is not an array is an error (jcfg skips it).
    /// - CPUs listed twice count once (jcfg counts them twice).
    /// - Every CPU must be below the CPU count, as jcfg checks with `get_nprocs()`.
    public struct LCoreGroup: Sendable, Equatable {
        /// The group's name, which threads refer to; `"default"` serves threads that name none.
        public var name: String
        /// The CPUs, ascending, each once.
        public var cpus: [Int]

        /// Makes a group; `cpus` are sorted and made unique.
        public init(name: String, cpus: [Int]) {
            self.name = name
            self.cpus = Array(Set(cpus)).sorted()
        }

        static func decode(_ member: JSONCMember, at path: ConfigKeyPath, cpuCount: Int) throws(CNEError) -> LCoreGroup {
            guard case .array(let elements) = member.value.value else {
                throw .config(.typeMismatch, "expected an array of CPUs (numbers or \"A-B\" strings), found \(member.value.value.typeDescription)", at: member.value.location, keyPath: path)
            }
            guard !elements.isEmpty else {
                throw .config(.invalidValue, "expected at least one CPU", at: member.value.location, keyPath: path)
            }
            var cpus: [Int] = []
            for (index, element) in elements.enumerated() {
                let elementPath = path.appending(index: index)
                var found: [Int] = []
                switch element.value {
                case .int, .uint:
                    found = [try ConfigObjectReader.integer(element, in: 0...Int(Int32.max), at: elementPath)]
                case .string(let text):
                    found = try parse(text, at: element.location, keyPath: elementPath)
                default:
                    throw .config(.typeMismatch, "expected a CPU number or a string such as \"10-14,16\", found \(element.value.typeDescription)", at: element.location, keyPath: elementPath)
                }
                if let bad = found.first(where: { $0 >= cpuCount }) {
                    throw .config(.outOfRange, "CPU \(bad) does not exist (expected CPUs 0...\(cpuCount - 1))", at: element.location, keyPath: elementPath)
                }
                cpus += found
            }
            return LCoreGroup(name: member.key, cpus: cpus)
        }

        static func parse(_ text: String, at location: SourceLocation?, keyPath: ConfigKeyPath) throws(CNEError) -> [Int] {
            func number(_ part: Substring) -> Int? {
                let trimmed = part.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()
                let digits = String(trimmed)
                guard !digits.isEmpty, digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }), digits.count <= 9 else { return nil }
                return Int(digits)
            }
            var cpus: [Int] = []
            for item in text.split(separator: ",", omittingEmptySubsequences: false) {
                let bounds = item.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
                guard let first = number(bounds[0]), let last = bounds.count == 2 ? number(bounds[1]) : first else {
                    throw .config(.invalidValue, "malformed CPU list \(ConfigText.quoted(text)) (expected items such as \"3\" or \"10-14\", separated by commas)", at: location, keyPath: keyPath)
                }
                guard first <= last else {
                    throw .config(.invalidValue, "reversed CPU range \(ConfigText.quoted(String(item))) (expected the lower CPU first)", at: location, keyPath: keyPath)
                }
                cpus += Array(first...last)
            }
            return cpus
        }
    }
}
