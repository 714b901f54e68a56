import Foundation
import Testing
@testable import CNE

/// The good configs decode to the expected values; decisions about jcfg's bugs hold.
@Suite struct GoodConfigTests {
    /// cndpfwd's configuration, built in code: what Configs/good/cndpfwd.jsonc must decode to.
    /// Built per use, not kept in a `static let`: LeakSanitizer reported the arrays a
    /// `static let` kept for the whole process as leaked (make test-sanitize).
    static var cndpfwd: CNEConfig {
        CNEConfig(
            application: [.init("name", .string("cndpfwd")), .init("description", .string("A simple packet forwarder for pktdev and xskdev"))],
            defaults: .init(bufferCount: 16 * 1024, bufferSize: 2048, rxDescriptors: 2048, txDescriptors: 2048, memoryType: .hugePages2MB, cacheSize: 256),
            umems: [
                .init(
                    name: "umem0", bufferCount: 32 * 1024, bufferSize: 2048, rxDescriptors: 2048, txDescriptors: 2048,
                    memoryType: .hugePages2MB, regions: [16 * 1024, 16 * 1024], description: "UMEM Description 0"),
            ],
            lports: [
                .init(name: "eth0:0", pmd: "net_af_xdp", qid: 11, umem: "umem0", region: 0, description: "LAN 0 port"),
                .init(name: "eth1:0", pmd: "net_af_xdp", qid: 12, umem: "umem0", region: 1, description: "LAN 1 port"),
            ],
            lcoreGroups: [
                .init(name: "initial", cpus: [10]), .init(name: "group0", cpus: [13]), .init(name: "group1", cpus: [14]),
                .init(name: "default", cpus: [15, 16]),
            ],
            options: [
                .init("pkt_api", .string("xskdev")), .init("no-metrics", .bool(false)), .init("no-restapi", .bool(false)),
                .init("cli", .bool(true)), .init("mode", .string("drop")),
                .init("l3fwd-fib-rules", .array([.string("198.18.0.0/24,02:00:01:02:03:04,1"), .string("198.18.1.0/24,06:00:01:02:03:04,0")])),
                .init("hs-patterns", .array([.string("0x80000000:/foobar/iH"), .string("0x00010001:/foo/i"), .string("0x00000002:/bar/i")])),
            ],
            threads: [
                .init(name: "main", group: "initial", description: "CLI Thread"),
                .init(name: "fwd:0", group: "group0", lports: ["eth0:0"], idleTimeout: 10, intrTimeout: 2000, description: "Thread 0"),
                .init(name: "fwd:1", group: "group1", lports: ["eth1:0"], idleTimeout: 10, intrTimeout: 2000, description: "Thread 1"),
            ])
    }

    @Test func cndpfwdDecodes() throws {
        let config = try CNEConfig(contentsOf: TestConfigs.path("good", "cndpfwd"), cpuCount: TestConfigs.cpuCount)
        #expect(config == Self.cndpfwd)
        #expect(config.warnings.isEmpty)
        #expect(config.packetAPI == .xskdev)
        #expect(config.cli && !config.noMetrics && !config.noRestAPI)
        #expect(config.mode == "drop")
        #expect(config.lports.map(\.netdev) == ["eth0", "eth1"])
        #expect(config.threads.map(\.type) == ["main", "fwd", "fwd"])
        #expect(config.defaults.effectiveCacheSize == 256)
    }

    @Test func cndpfwdBuiltInCodeValidates() throws {
        try Self.cndpfwd.validate(cpuCount: TestConfigs.cpuCount)
    }

    @Test func pktfwdKeepsLportOrderOnOneNetdev() throws {
        let config = try CNEConfig(contentsOf: TestConfigs.path("good", "pktfwd"), cpuCount: TestConfigs.cpuCount)
        #expect(config.lports.map(\.name) == ["enp134s0:0", "enp134s0:1"])
        #expect(config.lports.map(\.qid) == [23, 33])
        #expect(config.lports.map(\.netdev) == ["enp134s0", "enp134s0"])
        #expect(config.packetAPI == .pktdev)
        #expect(config.lcoreGroups.last == .init(name: "default", cpus: Array(22...35)))
        #expect(config.threads.count == 2)
    }

    @Test func lportGroupsAreKeptAsAnExtraSection() throws {
        let config = try CNEConfig(contentsOf: TestConfigs.path("good", "lport-groups"), cpuCount: TestConfigs.cpuCount)
        #expect(config.extraSections.map(\.key) == ["lport-groups"])
        let groups = try #require(config.extraSections.first?.value.members)
        #expect(groups.map(\.key) == ["rss0", "rss1"])
        #expect(config.lports.count == 2 && config.threads.count == 3)
    }

    @Test func dialectDecodes() throws {
        let config = try CNEConfig(contentsOf: TestConfigs.path("good", "dialect"), cpuCount: 4)
        #expect(config.application == [.init("name", .string("dialect"))])
        // defaults after umems still apply, and in units of 1024 like everywhere else
        #expect(config.umems == [
            .init(
                name: "pool", bufferCount: 8192, bufferSize: 4096, rxDescriptors: 1024, txDescriptors: 1024,
                memoryType: .pages4KB, regions: [3072, 4096], sharedUMem: true, description: "no bufcnt of its own"),
        ])
        let lport = try #require(config.lports.first)
        #expect(lport.pmd == "net_af_xdp" && lport.pmdOptions == "opt=1")
        #expect(lport.region == 1 && lport.busyPoll && lport.busyTimeout == 65535 && lport.skbMode && !lport.unalignedBuffers)
        #expect(lport.isUnprivileged && lport.description == "short description key")
        // "0-1,3" keeps its ",3"; repeats count once
        #expect(config.lcoreGroups == [.init(name: "default", cpus: [0, 1, 2, 3])])
        #expect(config.options["CLI"] == .bool(false))
        #expect(config.options["counts"] == .array([.int(1), .int(2), .int(3)]))
        #expect(config.threads == [.init(name: "fwd", group: "default", lports: ["veth0"], description: "uses the default group")])
        #expect(config.extraSections.map(\.key) == ["my-app"])
    }

    @Test func locationsAreRecorded() throws {
        let config = try CNEConfig(contentsOf: TestConfigs.path("good", "cndpfwd"), cpuCount: TestConfigs.cpuCount)
        let location = try #require(config.provenance.location(["lports", "eth1:0", "umem"]))
        #expect(location.line == 48 && location.column == 21)
    }
}

/// Each decision about a jcfg bug, on a small document.
@Suite struct JcfgBugDecisionTests {
    static func decode(_ text: String, cpuCount: Int = 8) throws(CNEError) -> CNEConfig {
        try CNEConfig(parsing: text, cpuCount: cpuCount)
    }

    static func problem(_ text: String, cpuCount: Int = 8) -> CNEError? {
        do {
            _ = try decode(text, cpuCount: cpuCount)
            return nil
        } catch {
            return error
        }
    }

    static let port = #""lports": { "eth0": { "pmd": "net_af_xdp", "qid": 0, "umem": "u" } }"#

    @Test func defaultsAreInUnitsOf1024() throws {
        let config = try Self.decode(#"{ "defaults": { "bufcnt": 2, "bufsz": 2, "rxdesc": 2, "txdesc": 4 }, "umems": { "u": {} } }"#)
        #expect(config.umems == [.init(name: "u", bufferCount: 2048, bufferSize: 2048, rxDescriptors: 2048, txDescriptors: 4096)])
    }

    @Test func umemZeroRingsFallBackToDefaults() throws {
        let config = try Self.decode(#"{ "umems": { "u": { "bufcnt": 1, "bufsz": 2, "rxdesc": 0 } }, "defaults": { "rxdesc": 4 } }"#)
        #expect(config.umems.first?.rxDescriptors == 4096)
        #expect(config.umems.first?.txDescriptors == 0)
    }

    @Test func missingRegionsMeanOneRegion() throws {
        let config = try Self.decode(#"{ "umems": { "u": { "bufcnt": 4, "bufsz": 2 } } }"#)
        #expect(config.umems.first?.regions == [4096])
    }

    @Test func regionsMayLeaveBuffersUnused() throws {
        let config = try Self.decode(#"{ "umems": { "u": { "bufcnt": 4, "bufsz": 2, "regions": [1, 2] } } }"#)
        #expect(config.umems.first?.regions == [1024, 2048])
    }

    @Test func cpuListsKeepEveryItem() throws {
        let config = try Self.decode(#"{ "lcore-groups": { "g": ["0-2, 4", 6, " 7 "] } }"#)
        #expect(config.lcoreGroups.first?.cpus == [0, 1, 2, 4, 6, 7])
    }

    @Test func stringsAreNotCoercedToNumbers() {
        #expect(Self.problem(#"{ "umems": { "u": { "bufcnt": "4", "bufsz": 2 } } }"#)?.code == .config(.typeMismatch))
        #expect(Self.problem(#"{ "threads": { "t": { "idle_timeout": true } }, "lcore-groups": { "default": [0] } }"#)?.code == .config(.typeMismatch))
    }

    @Test func threadDescIsRead() throws {
        let config = try Self.decode(#"{ "lcore-groups": { "default": [0] }, "threads": { "t": { "desc": "d" } } }"#)
        #expect(config.threads.first?.description == "d")
    }

    @Test func prefixKeysAreErrorsAndUnknownKeysWarnings() throws {
        let error = Self.problem(#"{ "umems": { "u": { "bufcnt": 1, "bufsz": 2 } }, "lports": { "eth0": { "pmd": "p", "qid": 0, "umem": "u", "reg": 0 } } }"#)
        #expect(error?.code == .config(.unknownKey))
        #expect(error?.keyPath == ["lports", "eth0", "reg"])
        let config = try Self.decode(#"{ "umems": { "u": { "bufcnt": 1, "bufsz": 2, "colour": "blue" } } }"#)
        #expect(config.warnings.map(\.keyPath) == [["umems", "u", "colour"]])
        #expect(config.warnings.first?.description.hasPrefix("<string>:1:46: warning: umems.u.colour: unknown key ignored") == true)
    }

    @Test func unknownMemoryTypeIsAnError() {
        #expect(Self.problem(#"{ "defaults": { "mtype": "huge" } }"#)?.code == .config(.invalidValue))
    }

    @Test func sectionNamesIgnoreCaseButMustNotRepeat() throws {
        let config = try Self.decode(#"{ "UMEMS": { "u": { "bufcnt": 1, "bufsz": 2 } } }"#)
        #expect(config.umems.count == 1)
        #expect(Self.problem(#"{ "umems": {}, "Umems": {} }"#)?.code == .config(.duplicateKey))
    }

    @Test func cpusAreCheckedAgainstTheCPUCount() {
        let error = Self.problem(#"{ "lcore-groups": { "g": ["0-4"] } }"#, cpuCount: 4)
        #expect(error?.code == .config(.outOfRange))
        #expect(error?.message == "CPU 4 does not exist (expected CPUs 0...3)")
    }

    @Test func unknownSectionsAreKeptNotSearched() throws {
        let config = try Self.decode(#"{ "mine": { "umems": { "u": { "bufcnt": 1, "bufsz": 2 } } } }"#)
        #expect(config.umems.isEmpty)
        #expect(config.extraSections.map(\.key) == ["mine"])
    }
}

/// Configs built in code are held to the same rules, with key paths and no locations.
@Suite struct CodeBuiltConfigTests {
    @Test func referencesAreChecked() {
        var config = GoodConfigTests.cndpfwd
        config.lports[1].umem = "umem9"
        do {
            try config.validate(cpuCount: TestConfigs.cpuCount)
            Issue.record("validated")
        } catch {
            #expect(error.code == .config(.unknownReference))
            #expect(error.location == nil)
            #expect(error.description == #"error: lports."eth1:0".umem: unknown umem "umem9" (expected one of: umem0)"#)
        }
    }

    @Test func decodedConfigErrorsPointIntoTheFile() throws {
        var config = try CNEConfig(contentsOf: TestConfigs.path("good", "cndpfwd"), cpuCount: TestConfigs.cpuCount)
        config.lports[1].umem = "umem9"
        let error = try #require(throws: CNEError.self) { try config.validate(cpuCount: TestConfigs.cpuCount) }
        #expect(error.description.hasSuffix(#"good/cndpfwd.jsonc:48:21: error: lports."eth1:0".umem: unknown umem "umem9" (expected one of: umem0)"#))
    }

    @Test func sizesAndCPUsAreChecked() {
        func problem(_ change: (inout CNEConfig) -> Void) -> CNEError? {
            var config = GoodConfigTests.cndpfwd
            change(&config)
            do {
                try config.validate(cpuCount: TestConfigs.cpuCount)
                return nil
            } catch {
                return error
            }
        }
        #expect(problem { $0.umems[0].bufferSize = 2000 }?.keyPath == ["umems", "umem0", "bufsz"])
        #expect(problem { $0.umems[0].regions = [20480, 20480] }?.code == .config(.outOfRange))
        #expect(problem { $0.umems[0].rxDescriptors = 3000 }?.code == .config(.invalidValue))
        #expect(problem { $0.lcoreGroups[0].cpus = [64] }?.keyPath == ["lcore-groups", "initial"])
        #expect(problem { $0.lports[0].region = 2 }?.code == .config(.unknownReference))
        #expect(problem { $0.threads[2].lports = ["eth0:0"] }?.code == .config(.invalidValue))
        #expect(problem { $0.threads[0].group = "nope" }?.keyPath == ["threads", "main", "group"])
        #expect(problem { $0.umems.append($0.umems[0]) }?.code == .config(.duplicateKey))
        #expect(problem { $0.options.append(.init("pkt_api", .string("dpdk"))) }?.code == .config(.invalidValue))
        #expect(problem { $0.defaults.bufferSize = 2 }?.keyPath == ["defaults", "bufsz"])
    }

    @Test func aMinimalConfigBuildsAndValidates() throws {
        let config = CNEConfig(
            umems: [.init(name: "u", bufferCount: 4096, bufferSize: 2048)],
            lports: [.init(name: "veth0", qid: 0, umem: "u")],
            lcoreGroups: [.init(name: "default", cpus: [0])],
            threads: [.init(name: "fwd", lports: ["veth0"])])
        try config.validate(cpuCount: 1)
        #expect(config.umems[0].regions == [4096])
    }
}

/// The error type's shape.
@Suite struct CNEErrorTests {
    @Test func missingFileIsASystemError() {
        do {
            _ = try CNEConfig(contentsOf: "/nonexistent/cne.jsonc")
            Issue.record("loaded")
        } catch {
            #expect(error.code == .system(2))
            #expect(error.errno == 2)
            #expect(error.location == nil)
            #expect(error.description == "error: reading /nonexistent/cne.jsonc: cannot read the configuration file: No such file or directory (ENOENT)")
        }
    }

    @Test func syntaxErrorsSayWhatWasExpected() {
        do {
            _ = try JSONCDocument(parsing: "{\n  \"a\": [1 2]\n}", file: "x.jsonc")
            Issue.record("parsed")
        } catch {
            #expect(error.description == "x.jsonc:2:11: error: a: expected ',' or ']' after an array element, found '2'")
        }
    }

    @Test func keyPathsQuoteWhatIsNotAPlainWord() {
        let path = ConfigKeyPath([.key("lports"), .key("eth0:0"), .key("umem"), .index(2), .key("a\"b")])
        #expect(path.description == #"lports."eth0:0".umem[2]."a\"b""#)
    }

    @Test func documentOrderAndLocationsAreKept() throws {
        let document = try JSONCDocument(parsing: "{'z': 1, 'a': [true, null], 'm': {}}")
        let members = try #require(document.root.members)
        #expect(members.map(\.key) == ["z", "a", "m"])
        #expect(members[1].value.location.column == 15)
        #expect(members[1].keyLocation.column == 10)
    }
}
