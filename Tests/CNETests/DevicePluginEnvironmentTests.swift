import Foundation
import Testing
@testable import CNE

/// `AFXDP_DEVICES_<POOL>` and the plugin's mounts into lports. The layout and variables follow
/// the plugin's source (redhat-et/afxdp-plugins-for-kubernetes b4a5035): poolManager.go
/// Allocate() l.211 (socket at PodPath + device + SockName), l.276 (pinned map at
/// BpfMapPodPath + device + Xsk_map), l.286-287 (variable EnvVarList + upper-cased pool name,
/// devices joined by a space); constants.go l.43 (prefix `AFXDP_DEVICES_`), l.44 (device
/// names `^[a-zA-Z0-9_-]+$`); configFile.go l.197-198 (pool names alphanumeric, 1 to 20).
@Suite struct DevicePluginEnvironmentTests {
    /// A directory laid out like the pod's /tmp/afxdp_dp, removed by `remove()`.
    final class PodDirectory {
        let path: String
        var layout: DevicePluginEnvironment.Layout {
            .init(directory: path, legacySocket: path + "/afxdp.sock", legacyPinnedMap: path + "/xsks_map")
        }
        private var sockets: [Int32] = []

        init() throws {
            path = "/tmp/cne-afxdp-env-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }

        /// A listening Unix socket at `<dir>/<netdev>/afxdp.sock` (or at `file` under dir).
        func socket(_ netdev: String?, file: String = "afxdp.sock") throws {
            let dir = netdev.map { "\(path)/\($0)" } ?? path
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            let fd = Glibc.socket(AF_UNIX, Int32(SOCK_SEQPACKET.rawValue), 0)
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &address.sun_path) { raw in
                raw.copyBytes(from: Array("\(dir)/\(file)".utf8) + [0])
            }
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            guard fd >= 0, bound == 0 else { throw RigError(message: "bind: errno \(errno)") }
            sockets.append(fd)
        }

        /// A file standing for a pinned map at `<dir>/<netdev>/xsks_map` (a pin reads as a regular file).
        func pin(_ netdev: String?) throws {
            let dir = netdev.map { "\(path)/\($0)" } ?? path
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: dir + "/xsks_map", contents: Data())
        }

        func remove() {
            for fd in sockets { close(fd) }
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    @Test func twoPoolsInVariableOrderWithTheirSocketsAndPins() throws {
        let pod = try PodDirectory()
        defer { pod.remove() }
        try pod.socket("net1")
        try pod.socket("net2")
        try pod.pin("ens3f0")
        let env = try DevicePluginEnvironment(
            environment: ["AFXDP_DEVICES_POOLB": "ens3f0", "AFXDP_DEVICES_POOLA": "net1  net2", "PATH": "/bin"],
            layout: pod.layout)
        #expect(env.devices == [
            .init(netdev: "net1", variable: "AFXDP_DEVICES_POOLA", access: .socket(pod.path + "/net1/afxdp.sock")),
            .init(netdev: "net2", variable: "AFXDP_DEVICES_POOLA", access: .socket(pod.path + "/net2/afxdp.sock")),
            .init(netdev: "ens3f0", variable: "AFXDP_DEVICES_POOLB", access: .pinnedMap(pod.path + "/ens3f0/xsks_map")),
        ])
    }

    /// The plugin can offer both (UDS server and map pinning): the socket wins.
    @Test func aSocketWinsOverAPinnedMap() throws {
        let pod = try PodDirectory()
        defer { pod.remove() }
        try pod.socket("net1")
        try pod.pin("net1")
        let env = try DevicePluginEnvironment(environment: ["AFXDP_DEVICES_P": "net1"], layout: pod.layout)
        #expect(env.devices.map(\.access) == [.socket(pod.path + "/net1/afxdp.sock")])
    }

    /// Before the multi-device change (720d92b): AFXDP_DEVICES and one socket at /tmp/afxdp.sock.
    @Test func theLegacyVariableSharesOneSocket() throws {
        let pod = try PodDirectory()
        defer { pod.remove() }
        try pod.socket(nil)
        let env = try DevicePluginEnvironment(environment: ["AFXDP_DEVICES": "a b"], layout: pod.layout)
        #expect(env.devices.map(\.access) == [.socket(pod.path + "/afxdp.sock"), .socket(pod.path + "/afxdp.sock")])
        let pinned = try PodDirectory()
        defer { pinned.remove() }
        try pinned.pin(nil)
        let one = try DevicePluginEnvironment(environment: ["AFXDP_DEVICES": "a"], layout: pinned.layout)
        #expect(one.devices.map(\.access) == [.pinnedMap(pinned.path + "/xsks_map")])
        // One pinned map cannot serve two devices.
        #expect(throws: DevicePluginEnvironmentError.self) {
            try DevicePluginEnvironment(environment: ["AFXDP_DEVICES": "a b"], layout: pinned.layout)
        }
    }

    /// Malformed variables: a typed error naming the variable, the device and its position.
    @Test(arguments: [
        (["PATH": "/bin"], DevicePluginEnvironmentError.Code.notSet, nil as String?, nil as String?, nil as Int?),
        (["AFXDP_DEVICES_POOL1": "   "], .emptyList, "AFXDP_DEVICES_POOL1", nil, nil),
        (["AFXDP_DEVICES_pool1": "net1"], .invalidVariableName, "AFXDP_DEVICES_pool1", nil, nil),
        (["AFXDP_DEVICES_": "net1"], .invalidVariableName, "AFXDP_DEVICES_", nil, nil),
        (["AFXDP_DEVICES_MY_POOL": "net1"], .invalidVariableName, "AFXDP_DEVICES_MY_POOL", nil, nil),
        (["AFXDP_DEVICES_P": "net1 net/2"], .invalidDeviceName, "AFXDP_DEVICES_P", "net/2", 1),
        (["AFXDP_DEVICES_P": "net1,net2"], .invalidDeviceName, "AFXDP_DEVICES_P", "net1,net2", 0),
        (["AFXDP_DEVICES_P": "a-device-name-of-20"], .invalidDeviceName, "AFXDP_DEVICES_P", "a-device-name-of-20", 0),
        (["AFXDP_DEVICES_P": "n\u{e9}t1"], .invalidDeviceName, "AFXDP_DEVICES_P", "n\u{e9}t1", 0),
        (["AFXDP_DEVICES_P": "net1 net1"], .duplicateDevice, "AFXDP_DEVICES_P", "net1", 1),
        (["AFXDP_DEVICES_A": "net1", "AFXDP_DEVICES_B": "net1"], .duplicateDevice, "AFXDP_DEVICES_B", "net1", 0),
        (["AFXDP_DEVICES_P": "net9"], .noSocketOrMap, "AFXDP_DEVICES_P", "net9", 0),
    ])
    func malformed(
        environment: [String: String], code: DevicePluginEnvironmentError.Code, variable: String?, device: String?,
        position: Int?
    ) throws {
        let pod = try PodDirectory()
        defer { pod.remove() }
        try pod.socket("net1")
        do {
            _ = try DevicePluginEnvironment(environment: environment, layout: pod.layout)
            Issue.record("accepted \(environment)")
        } catch {
            #expect(error.code == code, "\(error)")
            #expect(error.variable == variable)
            #expect(error.device == device)
            #expect(error.position == position)
            #expect(error.description.hasPrefix("error: "))
            if let variable { #expect(error.description.contains(variable)) }
        }
    }

    @Test func noSocketOrMapNamesThePathsLookedAt() throws {
        let pod = try PodDirectory()
        defer { pod.remove() }
        #expect {
            try DevicePluginEnvironment(environment: ["AFXDP_DEVICES_P": "net9"], layout: pod.layout)
        } throws: { error in
            let e = error as! DevicePluginEnvironmentError
            return e.paths == [pod.path + "/net9/afxdp.sock", pod.path + "/net9/xsks_map"]
                && e.description.contains(pod.path + "/net9/afxdp.sock")
        }
    }

    static let template = """
        {
          "umems": { "umem0": { "bufcnt": 16, "bufsz": 2, "regions": [8, 8] } },
          "lports": {
            "keep0:0": { "pmd": "net_null", "qid": 0, "umem": "umem0" },
            "AFXDP_DEVICES:0": { "pmd": "net_af_xdp", "qid": 0, "umem": "umem0", "skb_mode": true, "busy_poll": true },
            "AFXDP_DEVICES:q1": { "pmd": "net_af_xdp", "qid": 1, "umem": "umem0", "region": 1 }
          },
          "threads": {
            "fwd:0": { "group": "default", "lports": ["AFXDP_DEVICES:0", "keep0:0"] },
            "fwd:1": { "group": "default", "lports": ["AFXDP_DEVICES:q1"] }
          },
          "lcore-groups": { "default": [0] }
        }
        """

    @Test func templatesExpandToEveryDeviceAndTheirThreads() throws {
        let config = try CNEConfig(parsing: Self.template, cpuCount: 1)
        #expect(config.devicePluginTemplates.map(\.name) == ["AFXDP_DEVICES:0", "AFXDP_DEVICES:q1"])
        let env = DevicePluginEnvironment(devices: [
            .init(netdev: "net1", variable: "AFXDP_DEVICES_A", access: .socket("/tmp/afxdp_dp/net1/afxdp.sock")),
            .init(netdev: "net2", variable: "AFXDP_DEVICES_B", access: .pinnedMap("/tmp/afxdp_dp/net2/xsks_map")),
        ])
        let expanded = try config.expandingDevicePluginPorts(env)
        #expect(expanded.lports.map(\.name) == ["keep0:0", "net1:0", "net1:q1", "net2:0", "net2:q1"])
        let net1 = try #require(expanded.lports.first { $0.name == "net1:0" })
        #expect(net1.udsPath == "/tmp/afxdp_dp/net1/afxdp.sock" && net1.xskPinPath == nil)
        #expect(net1.skbMode && net1.busyPoll && net1.qid == 0 && net1.isUnprivileged)
        let net2 = try #require(expanded.lports.first { $0.name == "net2:q1" })
        #expect(net2.xskPinPath == "/tmp/afxdp_dp/net2/xsks_map" && net2.udsPath == nil)
        #expect(net2.qid == 1 && net2.region == 1 && net2.netdev == "net2")
        #expect(expanded.threads.map(\.lports) == [["net1:0", "net2:0", "keep0:0"], ["net1:q1", "net2:q1"]])
        #expect(expanded.devicePluginTemplates.isEmpty)
        try expanded.validate(cpuCount: 1)
    }

    /// The config the image carries and the pod mounts (deploy/base/cne-echo.jsonc).
    @Test func theDeploymentConfigExpands() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("deploy/base/cne-echo.jsonc").path
        let config = try CNEConfig(contentsOf: file, cpuCount: 1)
        #expect(config.devicePluginTemplates.map(\.name) == ["AFXDP_DEVICES:0"])
        let env = DevicePluginEnvironment(devices: ["net1", "net2"].map {
            .init(netdev: $0, variable: "AFXDP_DEVICES_CNEPOOL", access: .socket("/tmp/afxdp_dp/\($0)/afxdp.sock"))
        })
        let expanded = try config.expandingDevicePluginPorts(env)
        #expect(expanded.lports.map(\.name) == ["net1:0", "net2:0"])
        #expect(expanded.lports.allSatisfy { $0.isUnprivileged && $0.pmd == "net_af_xdp" })
        try expanded.validate(cpuCount: 1)
    }

    @Test func aConfigWithoutTemplatesIsUnchanged() throws {
        let config = try CNEConfig(parsing: portsConfig([("null0:0", "net_null", 0, "")]), cpuCount: 1)
        let env = DevicePluginEnvironment(devices: [.init(netdev: "net1", variable: "AFXDP_DEVICES_A", access: .socket("/s"))])
        #expect(try config.expandingDevicePluginPorts(env) == config)
    }

    @Test func anExpandedNameThatIsTakenIsAnError() throws {
        let config = try CNEConfig(parsing: Self.template, cpuCount: 1)
        let env = DevicePluginEnvironment(devices: [.init(netdev: "keep0", variable: "AFXDP_DEVICES_A", access: .socket("/s"))])
        #expect(throws: DevicePluginEnvironmentError(.lportNameTaken, variable: "AFXDP_DEVICES_A", device: "keep0:0")) {
            try config.expandingDevicePluginPorts(env)
        }
    }
}
