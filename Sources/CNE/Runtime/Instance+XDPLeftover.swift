internal import CCNEShims
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// An XDP program already attached to a netdev before CNE opens its sockets: usually the
/// one a run killed with SIGKILL left behind (nothing detached it). It is reused only when it
/// runs in the mode the config asks for; otherwise opening fails with the remedy, rather than
/// run a native-mode config silently on a generic-mode program (or replace a program another
/// application may be using).
enum XDPLeftover {
    /// The kernel's attach modes, named as `ip link` names them.
    static func modeName(_ mode: Int32) -> String {
        switch mode {
        case Int32(CNE_XDP_NATIVE.rawValue): return "native (driver) mode"
        case Int32(CNE_XDP_SKB.rawValue): return "generic (skb) mode"
        case Int32(CNE_XDP_HW.rawValue): return "offloaded mode"
        default: return "several modes"
        }
    }

    /// The `ip link` keyword that detaches a program in `mode`.
    static func ipLinkKeyword(_ mode: Int32) -> String {
        switch mode {
        case Int32(CNE_XDP_NATIVE.rawValue): return "xdpdrv"
        case Int32(CNE_XDP_SKB.rawValue): return "xdpgeneric"
        case Int32(CNE_XDP_HW.rawValue): return "xdpoffload"
        default: return "xdp"
        }
    }

    /// Checks every netdev the config's privileged AF_XDP lports load a program on, before
    /// any socket is opened (afterwards the program there is the instance's own).
    static func check(_ config: CNEConfig, logger: Logger) throws(CNEError) {
        var seen: Set<String> = []
        for lport in config.lports where lport.pmd == "net_af_xdp" && !lport.isUnprivileged {
            guard seen.insert(lport.netdev).inserted else { continue }
            let ifindex = Int32(bitPattern: if_nametoindex(lport.netdev))
            guard ifindex != 0 else { continue }  // InterfaceCheck reported it already
            var programID: UInt32 = 0
            let attached = cne_xdp_attached(ifindex, &programID)
            guard attached > 0 else { continue }  // none, or the query failed: the core will say
            let wanted = Int32(lport.skbMode ? CNE_XDP_SKB.rawValue : CNE_XDP_NATIVE.rawValue)
            let netdev = ConfigText.quoted(lport.netdev)
            if attached == wanted {
                logger.warning(
                    "netdev \(netdev) already has an XDP program in \(modeName(attached)) (id \(programID)), perhaps left by a run that was killed: reusing it",
                    metadata: ["lport": "\(lport.name)"])
                continue
            }
            let asked = lport.skbMode ? "generic (skb) mode (\"skb_mode\": true)" : "native (driver) mode"
            throw CNEError(
                .runtime(.busy), context: "lport \(ConfigText.quoted(lport.name))",
                message: "netdev \(netdev) already has an XDP program attached in \(modeName(attached)) (id \(programID)), "
                    + "but the config asks for \(asked); a run that was killed may have left it: "
                    + "detach it (ip link set dev \(ConfigText.escaped(lport.netdev)) \(ipLinkKeyword(attached)) off) or change \"skb_mode\"")
        }
    }
}
