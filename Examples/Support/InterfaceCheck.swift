import CNE
#if canImport(Glibc)
import Glibc
#endif

/// Checks, before opening an instance, that every lport's network interface exists, so a
/// typo or a missing veth gives one clear line instead of a failed socket setup.
public enum InterfaceCheck {
    /// The first lport whose netdev does not exist (in this network namespace), as a message.
    public static func missingInterface(in config: CNEConfig) -> String? {
        for lport in config.lports where lport.pmd != "net_null" {
            if if_nametoindex(lport.netdev) == 0 {
                return "lport \"\(lport.name)\": no network interface \"\(lport.netdev)\" (in this network namespace)"
            }
        }
        return nil
    }
}
