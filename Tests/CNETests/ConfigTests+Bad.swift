import Foundation
import Testing
@testable import CNE

/// Paths of the test configs.
enum TestConfigs {
    static var directory: URL { Bundle.module.url(forResource: "Configs", withExtension: nil)! }
    static func path(_ group: String, _ name: String) -> String { directory.appendingPathComponent(group).appendingPathComponent(name + ".jsonc").path }
    /// Enough CPUs for CNDP's examples, which pin to CPUs up to 35.
    static let cpuCount = 64
}

/// Every bad config fails with the expected problem, at the expected key path and place.
@Suite struct BadConfigTests {
    /// file name (in Configs/bad, without .jsonc) → (problem, key path, line, column).
    static let expectations: [(String, CNEError.ConfigProblem, String, Int, Int)] = [
        ("syntax-missing-colon", .syntax, "umems", 2, 13),
        ("syntax-unterminated-string", .syntax, "application.name", 3, 1),
        ("syntax-bad-escape", .syntax, "application.name", 2, 34),
        ("syntax-unquoted-key", .syntax, "", 2, 5),
        ("syntax-hex-number", .syntax, "lports.\"eth0:0\".qid", 6, 50),
        ("syntax-comment-at-eof", .syntax, "", 10, 35),
        ("syntax-star-star-slash", .syntax, "", 12, 1),
        ("syntax-missing-comma", .syntax, "umems.umem0", 3, 33),
        ("syntax-single-slash", .syntax, "", 8, 6),
        ("trailing-second-document", .trailingContent, "", 11, 1),
        ("trailing-garbage", .trailingContent, "", 11, 1),
        ("duplicate-key", .duplicateKey, "lports.\"eth0:0\".qid", 6, 52),
        ("duplicate-section-case", .duplicateKey, "lports", 9, 5),
        ("duplicate-alias", .duplicateKey, "lports.\"eth0:0\".description", 6, 95),
        ("nesting-too-deep", .nestingTooDeep, "options.deep[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]", 2, 56),
        ("type-root-array", .typeMismatch, "", 1, 1),
        ("type-root-null", .typeMismatch, "", 1, 1),
        ("type-section-array", .typeMismatch, "umems", 2, 14),
        ("type-string-for-int", .typeMismatch, "lports.\"eth0:0\".qid", 6, 49),
        ("type-float-for-int", .typeMismatch, "umems.umem0.bufcnt", 3, 30),
        ("type-bool-for-string", .typeMismatch, "lports.\"eth0:0\".pmd", 6, 28),
        ("type-thread-lport-number", .typeMismatch, "threads.\"fwd:0\".lports[0]", 9, 40),
        ("type-option-null", .typeMismatch, "options.cli", 9, 25),
        ("type-option-mixed-array", .typeMismatch, "options.list[1]", 9, 32),
        ("type-known-option", .typeMismatch, "options.cli", 9, 25),
        ("type-lcore-group-number", .typeMismatch, "lcore-groups.default", 8, 34),
        ("missing-umem", .missingKey, "lports.\"eth0:0\".umem", 6, 19),
        ("missing-pmd", .missingKey, "lports.\"eth0:0\".pmd", 6, 19),
        ("missing-qid", .missingKey, "lports.\"eth0:0\".qid", 6, 19),
        ("missing-bufcnt", .missingKey, "umems.umem0.bufcnt", 3, 18),
        ("unknown-umem", .unknownReference, "lports.\"eth0:0\".umem", 6, 60),
        ("unknown-region", .unknownReference, "lports.\"eth0:0\".region", 6, 79),
        ("unknown-thread-lport", .unknownReference, "threads.\"fwd:0\".lports[0]", 9, 40),
        ("unknown-thread-group", .unknownReference, "threads.\"fwd:0\".group", 9, 38),
        ("missing-default-group", .unknownReference, "threads.\"fwd:0\".group", 9, 27),
        ("shared-lport", .invalidValue, "threads.\"fwd:1\".lports[0]", 9, 75),
        ("range-busy-timeout", .outOfRange, "lports.\"eth0:0\".busy_timeout", 6, 98),
        ("range-negative-qid", .outOfRange, "lports.\"eth0:0\".qid", 6, 49),
        ("range-bufcnt-overflow", .outOfRange, "umems.umem0.bufcnt", 3, 30),
        ("regions-over-bufcnt", .outOfRange, "umems.umem0.regions", 3, 57),
        ("region-zero", .outOfRange, "umems.umem0.regions[1]", 3, 62),
        ("regions-too-many", .outOfRange, "umems.umem0.regions", 3, 58),
        ("ring-not-power-of-two", .invalidValue, "umems.umem0.rxdesc", 3, 56),
        ("mtype-unknown", .invalidValue, "umems.umem0.mtype", 3, 55),
        ("defaults-bufsz-zero", .invalidValue, "defaults.bufsz", 2, 28),
        ("cpu-out-of-range", .outOfRange, "lcore-groups.default[1]", 8, 38),
        ("cpu-reversed-range", .invalidValue, "lcore-groups.default[0]", 8, 35),
        ("cpu-malformed", .invalidValue, "lcore-groups.default[0]", 8, 35),
        ("cpu-empty-group", .invalidValue, "lcore-groups.default", 8, 34),
        ("pkt-api-unknown", .invalidValue, "options.pkt_api", 9, 29),
        ("unknown-key-prefix", .unknownKey, "lports.\"eth0:0\".q", 6, 42),
        ("unknown-key-case", .unknownKey, "threads.\"fwd:0\".Group", 9, 29),
        ("netdev-too-long", .invalidValue, "lports.\"a-very-long-netdev-name:0\"", 6, 38),
        ("key-with-nul-escape", .invalidValue, "umems", 3, 9),
        ("nul-byte", .syntax, "", 9, 5),
    ]

    @Test(arguments: expectations.map { $0.0 })
    func badConfigFails(_ name: String) throws {
        let (_, problem, keyPath, line, column) = try #require(Self.expectations.first { $0.0 == name })
        let path = TestConfigs.path("bad", name)
        do {
            let config = try CNEConfig(contentsOf: path, cpuCount: TestConfigs.cpuCount)
            Issue.record("\(name) decoded: \(config)")
        } catch {
            #expect(error.code == .config(problem), "\(error)")
            #expect((error.keyPath?.description ?? "") == keyPath, "\(error)")
            #expect(error.location?.file == path)
            #expect(error.location?.line == line, "\(error)")
            #expect(error.location?.column == column, "\(error)")
            #expect(error.description.hasPrefix("\(path):\(line):\(column): error: "), "\(error)")
        }
    }

    @Test func everyBadFileIsInTheTable() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: TestConfigs.directory.appendingPathComponent("bad").path)
        let listed = Set(Self.expectations.map { $0.0 + ".jsonc" })
        #expect(Set(names) == listed)
        #expect(names.count >= 30)
    }

    @Test func duplicateKeyNamesBothPlaces() throws {
        let error = try #require(throws: CNEError.self) {
            try CNEConfig(contentsOf: TestConfigs.path("bad", "duplicate-key"), cpuCount: TestConfigs.cpuCount)
        }
        #expect(error.location?.line == 6)
        #expect(error.relatedLocation?.line == 6)
        #expect(error.relatedLocation?.column == 42)
        #expect(error.message.contains("first at line 6 column 42"))
    }
}
