import CNEProtocols
import Testing

@Suite struct AddressTests {
    @Test func macAddressParsesAndPrints() {
        #expect(MACAddress("02:00:5e:10:20:ff") == MACAddress(2, 0, 0x5E, 0x10, 0x20, 0xFF))
        #expect(MACAddress("02-00-5E-10-20-FF") == MACAddress(2, 0, 0x5E, 0x10, 0x20, 0xFF))
        #expect(MACAddress(2, 0, 0x5E, 0x10, 0x20, 0xFF).description == "02:00:5e:10:20:ff")
        for bad in ["", "02:00:5e:10:20", "02:00:5e:10:20:ff:00", "2:00:5e:10:20:ff", "02:00:5e:10:20:fg",
                    "02::5e:10:20:ff", "020:0:5e:10:20:ff", "02:00:5e:10:20:ff:"] {
            #expect(MACAddress(bad) == nil, "\(bad)")
        }
        #expect(MACAddress.broadcast.isMulticast && !MACAddress.zero.isMulticast)
    }

    @Test func macAddressLoadsAndStoresAtAnOffset() {
        var bytes: [UInt8] = [9, 1, 2, 3, 4, 5, 6, 9]
        #expect(MACAddress(bytes.span.bytes, at: 1) == MACAddress(1, 2, 3, 4, 5, 6))
        #expect(MACAddress(bytes.span.bytes, at: 3) == nil)
        #expect(MACAddress(bytes.span.bytes, at: -1) == nil)
        #expect(MACAddress(bytes.span.bytes, at: Int.max) == nil)
        var span = bytes.mutableSpan
        var raw = span.mutableBytes
        raw.store(MACAddress.broadcast, at: 2)
        _ = consume raw
        _ = consume span
        #expect(bytes == [9, 1, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])
    }

    @Test func ipv4AddressParsesAndPrints() {
        #expect(IPv4Address("192.0.2.1") == IPv4Address(192, 0, 2, 1))
        #expect(IPv4Address("192.0.2.1")?.value == 0xC000_0201)
        #expect(IPv4Address("0.0.0.0") == .any && IPv4Address("255.255.255.255") == .broadcast)
        #expect(IPv4Address(192, 0, 2, 1).description == "192.0.2.1")
        for bad in ["", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1..2.3", "1.2.3.4 ", "a.b.c.d", ".1.2.3", "1.2.3."] {
            #expect(IPv4Address(bad) == nil, "\(bad)")
        }
        #expect(IPv4Address("224.0.0.1")!.isMulticast && !IPv4Address("192.0.2.1")!.isMulticast)
        let bytes: [UInt8] = [0, 192, 0, 2, 1]
        #expect(IPv4Address(bytes.span.bytes, at: 1) == IPv4Address(192, 0, 2, 1))
        #expect(IPv4Address(bytes.span.bytes, at: 2) == nil)
    }

    /// RFC 5952's own examples (sections 4.1 to 5) and RFC 4291's text forms.
    @Test func ipv6AddressPrintsTheRFC5952Form() {
        let cases: [(String, String)] = [
            ("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
            ("2001:db8:0:0:0:0:2:1", "2001:db8::2:1"),
            ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),  // 4.2.2: one zero group stays
            ("2001:0:0:1:0:0:0:1", "2001:0:0:1::1"),  // 4.2.3: the longest run
            ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),  // 4.2.3: the first of equal runs
            ("2001:DB8::AAAA", "2001:db8::aaaa"),  // 4.3: lower case
            ("0:0:0:0:0:0:0:0", "::"),
            ("0:0:0:0:0:0:0:1", "::1"),
            ("1:0:0:0:0:0:0:0", "1::"),
            ("fe80::0200:00ff:fe00:4001", "fe80::200:ff:fe00:4001"),
            ("::ffff:192.0.2.1", "::ffff:192.0.2.1"),  // 5: IPv4-mapped
            ("::192.0.2.1", "::c000:201"),
            ("1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0"),
            ("::2:3:4:5:6:7:8", "0:2:3:4:5:6:7:8"),
        ]
        for (text, canonical) in cases {
            let address = IPv6Address(text)
            #expect(address?.description == canonical, "\(text)")
            #expect(address.flatMap { IPv6Address($0.description) } == address, "round trip of \(text)")
        }
        for bad in ["", ":", ":::", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::", "1:", ":1", "g::",
                    "1:2:3:4:5:6:7:8::", "::1.2.3", "::1.2.3.4.5", "1.2.3.4", "::ffff:256.1.1.1", "1:2:3:4:5:6:7:1.2.3.4"] {
            #expect(IPv6Address(bad) == nil, "\(bad)")
        }
    }

    @Test func ipv6AddressHelpers() {
        let a = IPv6Address("2001:db8::1:2:3")!
        #expect(a.solicitedNodeMulticast == IPv6Address("ff02::1:ff02:3"))
        #expect(a.solicitedNodeMulticast.multicastMAC == MACAddress(0x33, 0x33, 0xFF, 0x02, 0, 3))
        #expect(IPv6Address("fe80::1")!.isLinkLocal && !a.isLinkLocal && !IPv6Address("fec0::1")!.isLinkLocal)
        #expect(IPv6Address.allNodes.isMulticast && IPv6Address.unspecified.isUnspecified)
        #expect((0..<8).map { a.group($0) } == [0x2001, 0xdb8, 0, 0, 0, 1, 2, 3])
        let bytes = [UInt8](repeating: 0, count: 1) + hex("20010db8000000000000000100020003")
        #expect(IPv6Address(bytes.span.bytes, at: 1) == a)
        #expect(IPv6Address(bytes.span.bytes, at: 2) == nil)
    }
}
