import CNEProtocols

// Frames captured from the Linux kernel (6.x) on a veth pair, as it sent them: every checksum
// in them is the kernel's. Captured with an AF_PACKET socket in a test namespace.

enum Captured {
    /// `ping -s 24 192.0.2.2` from 192.0.2.1: ICMP echo request, id 0x2fc7, sequence 1.
    static let icmpv4EchoRequest = hex("0200000040020200000040010800450000340b5c40004001ab69c0000201c00002020800b2af2fc700016850106b00000000437c0d00000000001011121314151617")
    /// An MLDv2 report: IPv6 with a hop-by-hop header (router alert), then ICMPv6 type 143.
    static let mldv2WithHopByHop = hex("33330000001602000000400186dd6000000000380001fe80000000000000000000fffe004001ff0200000000000000000000000000163a000502000001008f00efeb0000000204000000ff0200000000000000000001ff00000104000000ff0200000000000000000001ff004001")
    /// The kernel resolving 2001:db8::2: NS from 2001:db8::1 to ff02::1:ff00:2, source link-layer option.
    static let neighborSolicitation = hex("3333ff00000202000000400186dd6000000000203aff20010db8000000000000000000000001ff0200000000000000000001ff0000028700dc260000000020010db80000000000000000000000020101020000004001")
    /// `ping -6 -s 24 2001:db8::3`: ICMPv6 echo request.
    static let icmpv6EchoRequest = hex("02000000400202000000400186dd600cf7ec00203a4020010db800000000000000000000000120010db80000000000000000000000038000460c300600016a50106b00000000d90f0e00000000001011121314151617")
    /// 17 bytes ("hello, checksum!!", odd) to 192.0.2.2:5353.
    static let udpv4 = hex("02000000400202000000400108004500002ddafa40004011dbc1c0000201c0000202e76b14e90019842e68656c6c6f2c20636865636b73756d2121")
    /// 3 bytes ("odd") to [2001:db8::3]:5353.
    static let udpv6 = hex("02000000400202000000400186dd600350fd000b114020010db800000000000000000000000120010db8000000000000000000000003cd6f14e9000b5b926f6464")
    /// connect() to 192.0.2.2:80: a SYN with MSS 1460, SACK permitted, timestamps, window scale 10.
    static let tcpSYN = hex("02000000400202000000400108004500003cf59140004006c126c0000201c0000202c5600050f980247c00000000a002faf084320000020405b40402080afe00d21f000000000103030a")
    /// `arping 192.0.2.9`: who has 192.0.2.9, tell 192.0.2.1 (broadcast).
    static let arpRequest = hex("ffffffffffff02000000400108060001080006040001020000004001c0000201ffffffffffffc0000209")

    /// Every captured frame, by name.
    static let all: [(String, [UInt8])] = [
        ("icmpv4EchoRequest", icmpv4EchoRequest), ("mldv2WithHopByHop", mldv2WithHopByHop),
        ("neighborSolicitation", neighborSolicitation), ("icmpv6EchoRequest", icmpv6EchoRequest),
        ("udpv4", udpv4), ("udpv6", udpv6), ("tcpSYN", tcpSYN), ("arpRequest", arpRequest),
    ]
}

/// The bytes of a hex string (two digits a byte, no separators).
func hex(_ text: String) -> [UInt8] {
    let digits = Array(text.utf8)
    return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(decoding: digits[$0..<$0 + 2], as: UTF8.self), radix: 16)! }
}

/// Every layer of `frame` (a helper: a span of a static array cannot outlive the expression).
func layers(_ frame: [UInt8]) throws(ProtocolError) -> FrameLayers {
    try FrameLayers(parsing: frame.span.bytes)
}
