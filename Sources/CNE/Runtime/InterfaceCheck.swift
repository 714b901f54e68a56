#if canImport(Glibc)
import Glibc
#endif

/// Checks, before anything is opened, that every lport's network interface exists in this
/// network namespace and is up, so a typo or a down link reads as one clear line instead of
/// a failed socket setup with a bare errno. CNE must check this itself: CNDP's
/// `net_af_packet` probe (`lib/core/pmds/net/af_packet/pmd_af_packet.c`) does not fail on a
/// missing netdev and returns another live port's id.
enum InterfaceCheck {
    /// `IFF_UP` from `<net/if.h>`: the interface is administratively up.
    private static let interfaceUp: UInt32 = 0x1

    static func check(_ config: CNEConfig) throws(CNEError) {
        for lport in config.lports where lport.pmd != "net_null" {
            let name = ConfigText.quoted(lport.netdev)
            guard if_nametoindex(lport.netdev) != 0 else {
                throw .system(
                    ENODEV, "lport \(ConfigText.quoted(lport.name))",
                    "no network interface \(name) in this network namespace")
            }
            if let flags = flags(of: lport.netdev), flags & interfaceUp == 0 {
                throw CNEError(
                    .runtime(.portDown), context: "lport \(ConfigText.quoted(lport.name))",
                    message: "netdev \(name) is down (bring it up: ip link set dev \(ConfigText.escaped(lport.netdev)) up)")
            }
        }
    }

    /// The interface flags from sysfs (`0x1003`), or nil when sysfs does not say.
    static func flags(of netdev: String) -> UInt32? {
        guard let file = fopen("/sys/class/net/\(netdev)/flags", "r") else { return nil }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 32)
        guard fgets(&buffer, Int32(buffer.count), file) != nil else { return nil }
        let text = String(decoding: buffer.prefix { $0 != 0 && $0 != 10 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard text.hasPrefix("0x") else { return nil }
        return UInt32(text.dropFirst(2), radix: 16)
    }
}
