import BindgenCore
import Testing

/// `diff` on two versions of a fixture API reports each kind of change.
@Suite struct ManifestDiffTests {
    func manifest(_ name: String) throws -> APIManifest { APIManifest(plan: try Fixtures.generate(name).plan) }

    @Test func sameAPIIsNoChange() throws {
        let diff = ManifestDiff(old: try manifest("api_v1"), new: try manifest("api_v1"))
        #expect(diff.exitStatus == 0)
        #expect(diff.report == "no API change\n")
    }

    @Test func eachKindOfChange() throws {
        let diff = ManifestDiff(old: try manifest("api_v1"), new: try manifest("api_v2"))
        let breaks = diff.breaks.map(\.description)
        let additions = diff.additions.map(\.description)
        #expect(breaks.contains("- function api_gone"))
        #expect(breaks.contains("~ function api_sig: signature 'int (int)' -> 'int (long)'"))
        #expect(breaks.contains { $0.hasPrefix("~ record api_rec: size 8 -> 12; field b offset 32 -> 64 bits") })
        #expect(breaks.contains { $0.hasPrefix("~ enum constant API_E: 1") })
        #expect(breaks.contains { $0.hasPrefix("~ macro API_M: 10") })
        #expect(additions.contains("+ function api_added"))
        #expect(additions.contains("+ macro API_NEW"))
        #expect(!breaks.contains { $0.contains("api_same") })
        #expect(diff.exitStatus == 2)
    }

    @Test func additionsOnly() throws {
        var new = try manifest("api_v1")
        new.functions.append(APIManifest.Function(name: "api_extra", signature: "int (void)", kind: "extern"))
        let diff = ManifestDiff(old: try manifest("api_v1"), new: new)
        #expect(diff.exitStatus == 1)
        #expect(diff.breaks.isEmpty)
    }
}
