internal import CNESys
#if canImport(Glibc)
import Glibc
#endif

/// Checks CNE makes itself before and after a port's setup, so that it behaves the same on
/// the embedded core and on CNDP.
extension Instance {
    /// The remedy printed after a failed AF_XDP setup's cause: without `skb_mode` the port asks for
    /// zero-copy (CNDP's `xskdev_socket_create` binds with XDP_ZEROCOPY), which drivers such
    /// as veth refuse.
    static func zeroCopyHint(for lport: CNEConfig.LPort) -> String {
        guard lport.pmd == "net_af_xdp", !lport.skbMode else { return "" }
        return "without \"skb_mode\": true the port asks for zero-copy AF_XDP, which drivers without zero-copy support (veth among them) refuse: set \"skb_mode\": true for copy mode"
    }
}
