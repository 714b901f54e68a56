import Foundation
import Testing

/// The README's Swift code cannot rot: every ```swift block marked
/// `<!-- compiled by ReadmeSnippetTests -->` is compiled (to SIL, with the ownership checks)
/// against the modules this test was built with, and must compile without a diagnostic.
@Suite struct ReadmeSnippetTests {
    static let marker = "<!-- compiled by ReadmeSnippetTests -->"

    /// The marked blocks, with the README line each starts on.
    static func snippets() throws -> [(line: Int, code: String)] {
        let readme = OwnershipCompileTests.packageRoot.appendingPathComponent("README.md")
        let lines = try String(contentsOf: readme, encoding: .utf8).components(separatedBy: "\n")
        var result: [(Int, String)] = []
        var index = 0
        while index < lines.count {
            defer { index += 1 }
            guard lines[index].trimmingCharacters(in: .whitespaces) == marker,
                index + 1 < lines.count, lines[index + 1].hasPrefix("```swift")
            else { continue }
            var body: [String] = []
            var end = index + 2
            while end < lines.count && !lines[end].hasPrefix("```") {
                body.append(lines[end])
                end += 1
            }
            result.append((index + 3, body.joined(separator: "\n")))
            index = end
        }
        return result
    }

    @Test func markedSnippetsCompile() throws {
        let snippets = try Self.snippets()
        #expect(snippets.count >= 3, "the README's marked snippets were not found")
        for (line, code) in snippets {
            let result = try OwnershipCompileTests.compile(code)
            #expect(result.status == 0 && !result.output.contains("warning:"), "README.md:\(line): \(result.output)")
        }
    }
}
