internal import CNESys
#if canImport(Glibc)
import Glibc
#endif

/// Checks CNE makes itself before and after a port's setup, so that it behaves the same on
/// the embedded core and on CNDP.
extension Instance {
    /// Throws when `lport` names a netdev that does not exist. CNDP's `net_af_packet` probe
    /// (`lib/core/pmds/net/af_packet/pmd_af_packet.c`) does not fail on a missing netdev and
    /// returns another live port's id; the embedded core refuses, CNE checks for both.
    static func checkNetdev(of lport: CNEConfig.LPort) throws(CNEError) {
        guard lport.pmd == "net_af_xdp" || lport.pmd == "net_af_packet" else { return }
        guard if_nametoindex(lport.netdev) != 0 else {
            throw .system(ENODEV, "if_nametoindex", "lport \"\(lport.name)\" (\(lport.pmd)): no netdev named \"\(lport.netdev)\"")
        }
    }

    /// What to add to a failed AF_XDP setup's message: without `skb_mode` the port asks for
    /// zero-copy (CNDP's `xskdev_socket_create` binds with XDP_ZEROCOPY), which drivers such
    /// as veth refuse.
    static func zeroCopyHint(for lport: CNEConfig.LPort) -> String {
        guard lport.pmd == "net_af_xdp", !lport.skbMode else { return "" }
        return "; without \"skb_mode\": true the port asks for zero-copy AF_XDP, which drivers without zero-copy support (veth among them) refuse: set \"skb_mode\": true for copy mode"
    }
}
