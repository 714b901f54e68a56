import BindgenCore
import Foundation
import Testing

/// `diff` with header trees (directories laid out like a CNDP include dir) instead of manifests.
@Suite struct HeaderTreeDiffTests {
    static let trees = Fixtures.root.appendingPathComponent("Fixtures/header_trees")
    static func tree(_ name: String) -> String { trees.appendingPathComponent(name).path }
    static func config() throws(BindgenFailure) -> BindgenConfig {
        try ConfigLoader.load(path: Fixtures.config("header_trees"))
    }

    /// The report of v1 -> v2: a moved field, an added field and function.
    static let v1ToV2 = """
        ABI breaks (1):
          ~ record tree_rec: size 8 -> 12; field b offset 32 -> 64 bits; field pad added
        Additions (1):
          + function tree_added

        """

    @Test func twoTrees() throws {
        let (diff, _) = try ManifestDiff.compare(old: Self.tree("v1"), new: Self.tree("v2"), treeConfig: Self.config)
        #expect(diff.exitStatus == 2)
        #expect(diff.report == Self.v1ToV2)
    }

    @Test func sameTreeIsNoChange() throws {
        let (diff, _) = try ManifestDiff.compare(old: Self.tree("v1"), new: Self.tree("v1"), treeConfig: Self.config)
        #expect(diff.exitStatus == 0)
        #expect(diff.report == "no API change\n")
    }

    @Test func additionsOnly() throws {
        // v2 with its record as in v1: only the added function remains.
        let scratch = try Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let fm = FileManager.default
        for file in ["cne_build_config.h", "tree.h"] {
            try fm.copyItem(atPath: Self.tree("v2") + "/" + file, toPath: scratch.appendingPathComponent(file).path)
        }
        let header = scratch.appendingPathComponent("tree.h")
        let text = try String(contentsOf: header, encoding: .utf8).replacingOccurrences(of: "uint32_t pad; ", with: "")
        try Data(text.utf8).write(to: header)
        let (diff, _) = try ManifestDiff.compare(old: Self.tree("v1"), new: scratch.path, treeConfig: Self.config)
        #expect(diff.exitStatus == 1)
        #expect(diff.report == "Additions (1):\n  + function tree_added\n")
    }

    @Test func cneBuildConfigComesFirst() throws {
        let config = try Self.config().forHeaderTree(Self.tree("v1"))
        #expect(config.entryHeaders == ["cne_build_config.h", "tree.h"])
        #expect(config.includePaths == [Self.tree("v1")])
        #expect(config.symbolSources.isEmpty)
        // Without cne_build_config.h in the tree, the entry headers are the config's.
        #expect(try Self.config().forHeaderTree(Self.trees.path).entryHeaders == ["tree.h"])
    }

    @Test func manifestAgainstTree() throws {
        let scratch = try Fixtures.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let old = scratch.appendingPathComponent("v1.json").path
        let new = scratch.appendingPathComponent("v2.json").path
        try Data(APIManifest.headerTree(Self.tree("v1"), config: Self.config()).manifest.json().utf8).write(to: URL(fileURLWithPath: old))
        try Data(APIManifest.headerTree(Self.tree("v2"), config: Self.config()).manifest.json().utf8).write(to: URL(fileURLWithPath: new))
        for (o, n) in [(old, Self.tree("v2")), (Self.tree("v1"), new)] {
            let (diff, _) = try ManifestDiff.compare(old: o, new: n, treeConfig: Self.config)
            #expect(diff.exitStatus == 2)
            #expect(diff.report == Self.v1ToV2)
        }
        // Two manifests never read the config.
        let (diff, _) = try ManifestDiff.compare(old: old, new: new) { () throws(BindgenFailure) -> BindgenConfig in
            throw BindgenFailure([.error("the config was read")])
        }
        #expect(diff.report == Self.v1ToV2)
    }

    @Test func badTreeIsAnError() throws {
        // The fixture directory itself has no tree.h: the parse fails (the CLI exits 3).
        #expect(throws: BindgenFailure.self) {
            try ManifestDiff.compare(old: Self.tree("v1"), new: Self.trees.path, treeConfig: Self.config)
        }
        #expect(throws: BindgenFailure.self) {
            try ManifestDiff.compare(old: Self.tree("v1"), new: Self.tree("missing"), treeConfig: Self.config)
        }
    }
}
