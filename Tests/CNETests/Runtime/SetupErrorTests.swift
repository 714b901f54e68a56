import Foundation
import Logging
import Synchronization
import Testing
@testable import CNE

extension RuntimeSuite {
    /// The README's error-table rows that need a real netdev, with their exact messages: a
    /// failed system call, and an XDP program found on the netdev in another mode than the
    /// config asks for (as a killed run leaves it; `make test-runtime` kills one for real).
    @Suite(.enabled(if: isRoot, "needs root: network namespaces, veth and AF_XDP"))
    struct SetupErrorTests {
        /// veth has no zero-copy driver mode, so CNDP's xskdev_socket_create (which binds with
        /// XDP_ZEROCOPY without skb_mode) fails in the kernel: the call, the lport, the cause
        /// in words, then the remedy.
        @Test func aFailedSystemCallNamesTheCallTheCauseAndTheRemedy() throws {
            let rig = try VethRig()
            defer { rig.remove() }
            let config = try CNEConfig(parsing: portsConfig([("\(rig.near):0", "net_af_xdp", 0, "")], bufcnt: 8, pktAPI: "xskdev"))
            do throws(CNEError) {
                let instance = try Instance(config: config)
                try? instance.close()
                Issue.record("zero-copy AF_XDP on veth opened")
            } catch {
                // The embedded core passes the kernel's errno on; CNDP 25.08's xskdev logs the
                // error libxdp returns and leaves errno 0 (lib/core/xskdev/xskdev.c).
                let (code, cause) = isEmbeddedCore
                    ? (EOPNOTSUPP, "Operation not supported (EOPNOTSUPP)")
                    : (0, "the library gave no cause (errno not set)")
                #expect(error.code == .system(code))
                #expect(error.description == #"error: xskdev_socket_create: lport "\#(rig.near):0": cannot open the AF_XDP socket: \#(cause); without "skb_mode": true the port asks for zero-copy AF_XDP, which drivers without zero-copy support (veth among them) refuse: set "skb_mode": true for copy mode"#)
            }
            #expect(try !rig.nearHasXDPProgram(), "a failed open leaves no XDP program")
        }

        /// A generic-mode program on the netdev (here an open instance's, as a run killed
        /// with SIGKILL leaves it): a native-mode config is refused with the remedy, a
        /// generic-mode one reuses it with a warning.
        @Test func anXDPProgramInAnotherModeIsRefusedAndOneInTheSameModeReused() throws {
            let rig = try VethRig()
            defer { rig.remove() }
            let generic = try CNEConfig(parsing: portsConfig([("\(rig.near):0", "net_af_xdp", 0, #", "skb_mode": true"#)], bufcnt: 8))
            let native = try CNEConfig(parsing: portsConfig([("\(rig.near):0", "net_af_xdp", 0, "")], bufcnt: 8))
            let instance = try Instance(config: generic)
            defer { try? instance.close() }
            let id = try #require(try rig.nearXDPProgramID(), "the instance attached a program")
            let records = LogRecords()
            let logger = Logger(label: "test") { _ in records }
            do throws(CNEError) {
                try XDPLeftover.check(native, logger: logger)
                Issue.record("a native-mode config accepted a generic-mode program")
            } catch {
                #expect(error.code == .busy)
                #expect(error.description == #"error: lport "\#(rig.near):0": netdev "\#(rig.near)" already has an XDP program attached in generic (skb) mode (id \#(id)), but the config asks for native (driver) mode; a run that was killed may have left it: detach it (ip link set dev \#(rig.near) xdpgeneric off) or change "skb_mode""#)
            }
            #expect(records.lines.isEmpty)
            try XDPLeftover.check(generic, logger: logger)
            #expect(records.lines == [
                #"warning: netdev "\#(rig.near)" already has an XDP program in generic (skb) mode (id \#(id)), perhaps left by a run that was killed: reusing it"#
            ])
        }
    }
}

extension VethRig {
    /// The id of the XDP program on the near end (`prog/xdp id N` in `ip -d link show`), if any.
    func nearXDPProgramID() throws -> Int? {
        let text = try run("ip", "-d", "link", "show", near)
        guard let range = text.range(of: "prog/xdp id ") else { return nil }
        return Int(text[range.upperBound...].prefix { $0.isNumber })
    }
}

/// A swift-log handler that keeps `level: message` of every record, for exact assertions.
final class LogRecords: LogHandler, Sendable {
    private let records = TracedMutex<[String]>([])
    var lines: [String] { records.withLock { $0 } }

    var logLevel: Logger.Level {
        get { .trace }
        set {}
    }
    var metadata: Logger.Metadata {
        get { [:] }
        set {}
    }
    subscript(metadataKey _: String) -> Logger.Metadata.Value? {
        get { nil }
        set {}
    }

    func log(event: LogEvent) {
        records.withLock { $0.append("\(event.level): \(event.message)") }
    }
}
