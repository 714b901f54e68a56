// libFuzzer target for CNEProtocols' parsers: `make fuzz` (not in CI).
// Built with the toolkit's sources in one module (`swiftc -sanitize=fuzzer,address`), so no
// import. Each input is tried as an Ethernet frame (every layer, then every in-place answer
// on a copy, whose result must parse again) and as address text (what prints must parse back
// to the same address). A trap, a sanitizer report or a failed property is a finding.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    fuzzFrame(input)
    fuzzText(input)
    return 0
}

func fuzzFrame(_ input: [UInt8]) {
    guard let layers = try? FrameLayers(parsing: input.span.bytes) else { return }
    let me = MACAddress(2, 0, 0, 0, 0, 1)
    var copy = input
    var span = copy.mutableSpan
    var bytes = span.mutableBytes
    _ = layers.ipv4?.isChecksumValid(in: bytes.bytes)
    if let arp = layers.arp { arp.answer(in: &bytes, ethernet: layers.ethernet, with: me) }
    if let ip = layers.ipv4 {
        if let icmp = layers.icmpv4 {
            let valid = icmp.isChecksumValid(in: input.span.bytes)
            icmp.answerEcho(in: &bytes, ethernet: layers.ethernet, ipv4: ip)
            precondition(!valid || icmp.isChecksumValid(in: bytes.bytes), "the echo answer broke a valid ICMP checksum")
        }
        if let udp = layers.udp {
            _ = udp.isChecksumValid(in: bytes.bytes, pseudoHeader: ip.pseudoHeader)
            udp.swapPorts(in: &bytes)
            udp.updateChecksum(in: &bytes, pseudoHeader: ip.pseudoHeader)
        }
        if let tcp = layers.tcp { _ = tcp.isChecksumValid(in: bytes.bytes, end: ip.end, pseudoHeader: ip.pseudoHeader) }
        ip.setTimeToLive(1, in: &bytes)
        let valid = ip.isChecksumValid(in: input.span.bytes)
        if valid, let after = try? IPv4Header(parsing: bytes.bytes, at: ip.offset) {
            precondition(after.isChecksumValid(in: bytes.bytes), "swaps and incremental updates broke a valid checksum")
        }
    }
    if let ip = layers.ipv6, let icmp = layers.icmpv6 {
        if let nd = layers.neighborDiscovery, nd.isSolicitation {
            _ = try? nd.answer(in: &bytes, ethernet: layers.ethernet, ipv6: ip, with: me)
        } else {
            icmp.answerEcho(in: &bytes, ethernet: layers.ethernet, ipv6: ip)
        }
    }
    let again = try? FrameLayers(parsing: bytes.bytes)
    precondition(again != nil, "an answer made an unparseable frame")
    _ = consume bytes
    _ = consume span
}

func fuzzText(_ input: [UInt8]) {
    guard input.count <= 64, let text = String(validating: input, as: UTF8.self) else { return }
    if let a = IPv6Address(text) { precondition(IPv6Address(a.description) == a, "IPv6 text round trip: \(text)") }
    if let a = IPv4Address(text) { precondition(IPv4Address(a.description) == a, "IPv4 text round trip: \(text)") }
    if let a = MACAddress(text) { precondition(MACAddress(a.description) == a, "MAC text round trip: \(text)") }
}
