import Foundation
import Testing
@testable import CNE

/// Every error of the README's error table, with its exact message.
@Suite struct ErrorMessageTests {
    /// A one-lport config with `lport` as the lport's members and `name` as its key.
    static func config(name: String = "eth0:0", lport: String, extra: String = "") -> String {
        """
        {
          "umems": { "umem0": { "bufcnt": 4, "bufsz": 2, "regions": [4] } },
          "lports": {
            "\(name)": { \(lport) }
          }\(extra)
        }
        """
    }

    static func failure(_ text: String) -> CNEError? {
        do {
            _ = try CNEConfig(parsing: text, file: "t.jsonc", cpuCount: 4)
            return nil
        } catch {
            return error
        }
    }

    @Test func unknownDriverIsLocatedWithTheKnownDrivers() throws {
        let error = try #require(Self.failure(Self.config(lport: #""pmd": "net_af_xpd", "qid": 0, "umem": "umem0""#)))
        #expect(error.code == .config(.unknownDriver))
        #expect(error.description == #"t.jsonc:4:24: error: lports."eth0:0".pmd: unknown driver 'net_af_xpd' (known: net_af_xdp, net_af_packet, net_null)"#)
    }

    @Test func emptyNetdevIsRefused() throws {
        let error = try #require(Self.failure(Self.config(name: ":0", lport: #""pmd": "net_af_xdp", "qid": 0, "umem": "umem0""#)))
        #expect(error.code == .config(.invalidValue))
        #expect(error.description == #"t.jsonc:4:11: error: lports.":0": empty netdev name (expected "<netdev>:<suffix>", e.g. "eth0:0")"#)
    }

    @Test func valuesAreEscapedWhenEchoed() throws {
        let error = try #require(Self.failure(Self.config(lport: #""pmd": "net_af_xdp", "qid": 0, "umem": "u\u001b[2J\n""#)))
        #expect(error.description == #"t.jsonc:4:56: error: lports."eth0:0".umem: unknown umem "u\u001b[2J\n" (expected one of: umem0)"#)
        #expect(!error.description.contains("\u{1b}"))
        #expect(!error.description.contains("\n"))
    }

    @Test func unknownKeyIsAWarningThatNamesItsPlace() throws {
        let config = try CNEConfig(
            parsing: Self.config(lport: #""pmd": "net_af_xdp", "qid": 0, "umem": "umem0", "skb_mdoe": true"#), file: "t.jsonc", cpuCount: 4)
        #expect(config.warnings.map(\.description) == [
            #"t.jsonc:4:65: warning: lports."eth0:0".skb_mdoe: unknown key ignored (known keys: busy_budget, busy_poll, busy_polling, busy_timeout, desc, description, force_wakeup, pmd, qid, region, skb_mode, uds_path, umem, unaligned_buffers, xsk_pin_path)"#
        ])
    }

    @Test func misspeltSectionIsWarnedAndAnInstanceRefusesAConfigWithoutPorts() throws {
        let text = """
            {
              "umems": { "umem0": { "bufcnt": 4, "bufsz": 2, "regions": [4] } },
              "lportz": { "eth0:0": { "pmd": "net_af_xdp", "qid": 0, "umem": "umem0" } }
            }
            """
        let config = try CNEConfig(parsing: text, file: "t.jsonc", cpuCount: 4)
        #expect(config.warnings.map(\.description) == [#"t.jsonc:3:3: warning: lportz: unknown section ignored (did you mean "lports"?)"#])
        do {
            _ = try Instance(config: config)
            Issue.record("an instance opened without ports")
        } catch {
            #expect(error.code == .config(.noPorts))
            #expect(error.description == #"t.jsonc:1:1: error: lports: no lports: the config defines no ports to open (is "lportz" meant to be "lports"?)"#)
        }
    }

    @Test func applicationSectionsAreNotWarned() throws {
        let config = try CNEConfig(parsing: #"{ "lport-groups": {}, "users": {} }"#, cpuCount: 4)
        #expect(config.warnings.isEmpty)
    }

    @Test func systemErrorsNameTheCauseInWords() {
        let error = CNEError.system(ENODEV, "xskdev_socket_create", "lport \"eth0:0\": cannot open the AF_XDP socket")
        #expect(error.description == #"error: xskdev_socket_create: lport "eth0:0": cannot open the AF_XDP socket: No such device (ENODEV)"#)
        #expect(error.code == .system(ENODEV))
        #expect(error.code.description == "system(ENODEV)")
        #expect(CNEError.system(4242, "op", "m").description == "error: op: m: Unknown error 4242 (errno 4242)")
    }

    @Test func codesCompareAndPrint() {
        #expect(CNEError.Code.config(.syntax) != .config(.typeMismatch))
        #expect(CNEError.Code.config(.syntax).configProblem == .syntax)
        #expect(CNEError.Code.busy.configProblem == nil)
        #expect("\(CNEError.Code.portDown)" == "portDown")
        #expect("\(CNEError.ConfigProblem.unknownDriver)" == "unknownDriver")
    }

    @Test func missingNetdevIsNamed() throws {
        let config = try CNEConfig(parsing: Self.config(name: "cnenosuch0:0", lport: #""pmd": "net_af_packet", "qid": 0, "umem": "umem0""#), cpuCount: 4)
        do {
            _ = try Instance(config: config)
            Issue.record("opened")
        } catch {
            #expect(error.code == .system(ENODEV))
            #expect(error.description == #"error: lport "cnenosuch0:0": no network interface "cnenosuch0" in this network namespace: No such device (ENODEV)"#)
        }
    }
}
