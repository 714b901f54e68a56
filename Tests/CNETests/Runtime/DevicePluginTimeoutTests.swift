import Foundation
import Testing
@testable import CNE

extension RuntimeSuite {
    /// A pod that connects after the plugin's udsTimeout: the plugin has closed its listener and
    /// removed its socket (uds.go cleanup(), l.298-309), but the pod's mount of the socket file
    /// stays, so connect() is refused. The instance fails before any port with an error that
    /// names the lport, the path and the likely cause, and leaves nothing behind.
    @Suite struct DevicePluginTimeoutTests {
        @Test func aSocketNobodyListensOnIsRefusedWithTheReason() throws {
            let pod = try DevicePluginEnvironmentTests.PodDirectory()
            defer { pod.remove() }
            // A device that exists and is up here (the interface check passes), as the plugin's
            // device does in a pod; its socket is bound, never listening: what a plugin that
            // gave up leaves.
            try pod.socket("lo")
            let env = try DevicePluginEnvironment(environment: ["AFXDP_DEVICES_P": "lo"], layout: pod.layout)
            let template = try CNEConfig(parsing: """
                {
                  "umems": { "umem0": { "bufcnt": 4, "bufsz": 2, "regions": [4] } },
                  "lports": { "AFXDP_DEVICES:0": { "pmd": "net_af_xdp", "qid": 0, "umem": "umem0" } },
                  "lcore-groups": { "default": [0] }
                }
                """, cpuCount: 1)
            let config = try template.expandingDevicePluginPorts(env)
            do {
                let instance = try Instance(config: config)
                try instance.close()
                Issue.record("opened an instance through a socket nobody listens on")
            } catch {
                #expect(error.code == .system(ECONNREFUSED), "\(error)")
                #expect(error.message.contains("lport \"lo:0\""), "\(error)")
                #expect(error.message.contains(pod.path + "/lo/afxdp.sock"), "\(error)")
                #expect(error.message.contains("udsTimeout"), "\(error)")
            }
            // Nothing half-made: the next instance opens.
            let next = try Instance(config: nullConfig())
            try next.close()
        }
    }
}
