import Testing
@testable import CNE

extension RuntimeSuite {
    /// The safe byte APIs: writing at offsets, big-endian loads and stores, the Internet
    /// checksum, MAC address bytes and ``PacketBursts``, on buffers of a `net_null` port.
    @Suite struct PacketBytesTests {
        /// Runs `body` with a fresh instance, thread and port, then checks every buffer came back.
        func withPort(_ body: (Port, borrowing RegisteredThread) throws(CNEError) -> Void) throws {
            let instance = try Instance(config: nullConfig())
            defer { try? instance.close() }
            try instance.withRegisteredThread(named: "bytes") { thread throws(CNEError) in
                try body(instance.ports[0], thread)
            }
            check(instance.poolUsage()[0].inUse == 0, "a buffer leaked")
        }

        /// Runs `body` with a packet of `length` bytes `0, 1, 2, ...`.
        func withPacket(length: Int, _ body: (inout Packet) throws(CNEError) -> Void) throws {
            try withPort { port, thread throws(CNEError) in
                guard var packet = port.allocatePacket(on: thread) else {
                    Issue.record("no packet")
                    return
                }
                try packet.append(contentsOf: (0..<length).map { UInt8(truncatingIfNeeded: $0) })
                try body(&packet)
            }
        }

        func code(_ body: () throws(CNEError) -> Void) -> CNEError.Code? {
            do throws(CNEError) { try body() } catch { return error.code }
            return nil
        }

        func bytes(_ packet: borrowing Packet) -> [UInt8] {
            (0..<packet.length).map { packet[$0] }
        }

        /// RFC 1071 by the book: 16-bit big-endian words, end-around carry, complement.
        static func referenceChecksum(_ data: [UInt8]) -> UInt16 {
            var sum: UInt32 = 0
            var i = 0
            while i < data.count {
                let word = UInt32(data[i]) << 8 | (i + 1 < data.count ? UInt32(data[i + 1]) : 0)
                sum += word
                sum = (sum & 0xFFFF) + (sum >> 16)
                i += 2
            }
            return ~UInt16(sum)
        }

        /// An IPv4 header with its checksum (0xb861) at bytes 10 and 11.
        static let ipv4Header: [UInt8] = [
            0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11, 0xB8, 0x61,
            0xC0, 0xA8, 0x00, 0x01, 0xC0, 0xA8, 0x00, 0xC7,
        ]

        // MARK: write(_:at:)

        @Test func writeCopiesInsideTheDataAtAndPastItsEnd() throws {
            try withPacket(length: 16) { packet throws(CNEError) in
                try packet.write([0xA0, 0xA1, 0xA2], at: 0)
                try packet.write([0xB0, 0xB1], at: 14)  // ends exactly at the end
                try packet.write([UInt8](), at: 16)  // nothing, at the end: allowed
                check(bytes(packet) == [0xA0, 0xA1, 0xA2] + (3...13).map { UInt8($0) } + [0xB0, 0xB1])
                let before = bytes(packet)
                check(code { () throws(CNEError) in try packet.write([1, 2, 3], at: 14) } == .invalidArgument)
                check(code { () throws(CNEError) in try packet.write([1], at: 16) } == .invalidArgument)
                check(code { () throws(CNEError) in try packet.write([1], at: -1) } == .invalidArgument)
                check(code { () throws(CNEError) in try packet.write([UInt8](), at: 17) } == .invalidArgument)
                check(code { () throws(CNEError) in try packet.write([1], at: Int.max) } == .invalidArgument)
                check(code { () throws(CNEError) in try packet.write([UInt8](repeating: 0, count: 17), at: 0) } == .invalidArgument)
                check(bytes(packet) == before, "a failed write changed the packet")
                check(packet.length == 16)
            }
        }

        @Test func writeTakesAnyCollection() throws {
            try withPacket(length: 8) { packet throws(CNEError) in
                try packet.write(UInt8(10)...UInt8(13), at: 1)  // no contiguous storage
                try packet.write([0xEE, 0x01, 0xFF][1...], at: 5)  // a slice
                try packet.write("hi".utf8, at: 6)
                check(bytes(packet) == [0, 10, 11, 12, 13, 0x01, 0x68, 0x69])
                check(code { () throws(CNEError) in try packet.write(UInt8(0)...UInt8(8), at: 0) } == .invalidArgument)
            }
        }

        @Test func writeCopiesASpanFromAnotherPacket() throws {
            try withPort { port, thread throws(CNEError) in
                guard var source = port.allocatePacket(on: thread), var target = port.allocatePacket(on: thread) else {
                    Issue.record("no packet")
                    return
                }
                try source.append(contentsOf: [1, 2, 3, 4])
                try target.append(6)
                try target.write([9, 9, 9, 9, 9, 9], at: 0)
                try source.withBytes { (span) throws(CNEError) in try target.write(span, at: 2) }
                check(bytes(target) == [9, 9, 1, 2, 3, 4])
                let code = source.withBytes { span in
                    self.code { () throws(CNEError) in try target.write(span, at: 3) }
                }
                check(code == .invalidArgument)
                let array: [UInt8] = [7, 8]
                try target.write(array.span.bytes, at: 0)
                check(bytes(target) == [7, 8, 1, 2, 3, 4])
                source[0] = 0  // the source is unchanged by the copies, and still writable
                check(bytes(source) == [0, 2, 3, 4])
            }
        }

        // MARK: loadBigEndian / storeBigEndian

        @Test func bigEndianLoadsAndStoresAtAndPastTheEnd() throws {
            try withPacket(length: 12) { packet throws(CNEError) in
                check(try packet.loadBigEndian(UInt8.self, at: 11) == 11)
                check(try packet.loadBigEndian(UInt16.self, at: 1) == 0x0102)  // unaligned
                check(try packet.loadBigEndian(UInt32.self, at: 8) == 0x0809_0A0B)  // ends at the end
                check(try packet.loadBigEndian(UInt64.self, at: 4) == 0x0405_0607_0809_0A0B)
                let signed: Int16 = try packet.loadBigEndian(at: 0)
                check(signed == 0x0001)
                check(code { () throws(CNEError) in _ = try packet.loadBigEndian(UInt32.self, at: 9) } == .invalidArgument)
                check(code { () throws(CNEError) in _ = try packet.loadBigEndian(UInt8.self, at: 12) } == .invalidArgument)
                check(code { () throws(CNEError) in _ = try packet.loadBigEndian(UInt16.self, at: -1) } == .invalidArgument)
                check(code { () throws(CNEError) in _ = try packet.loadBigEndian(UInt64.self, at: 5) } == .invalidArgument)

                try packet.storeBigEndian(UInt16(0x0800), at: 10)  // ends at the end
                check(packet[10] == 0x08 && packet[11] == 0x00)
                try packet.storeBigEndian(UInt32(0xDEAD_BEEF), at: 1)
                check(Array(bytes(packet)[0..<6]) == [0x00, 0xDE, 0xAD, 0xBE, 0xEF, 0x05])
                try packet.storeBigEndian(Int8(-1), at: 0)
                check(packet[0] == 0xFF)
                let before = bytes(packet)
                check(code { () throws(CNEError) in try packet.storeBigEndian(UInt16(1), at: 11) } == .invalidArgument)
                check(code { () throws(CNEError) in try packet.storeBigEndian(UInt64(1), at: 5) } == .invalidArgument)
                check(code { () throws(CNEError) in try packet.storeBigEndian(UInt8(1), at: -1) } == .invalidArgument)
                check(code { () throws(CNEError) in try packet.storeBigEndian(UInt8(1), at: Int.max) } == .invalidArgument)
                check(bytes(packet) == before, "a failed store changed the packet")
                // Stores and loads agree, and agree with the Ethernet helpers.
                try packet.storeBigEndian(UInt64(0x0102_0304_0506_0708), at: 2)
                check(try packet.loadBigEndian(UInt64.self, at: 2) == 0x0102_0304_0506_0708)
                try packet.append(2)
                try packet.storeBigEndian(UInt16(0x86DD), at: 12)
                check(packet.etherType == 0x86DD)
            }
        }

        @Test func anEmptyPacketHasNothingToLoad() throws {
            try withPacket(length: 0) { packet throws(CNEError) in
                check(code { () throws(CNEError) in _ = try packet.loadBigEndian(UInt8.self, at: 0) } == .invalidArgument)
                check(code { () throws(CNEError) in try packet.storeBigEndian(UInt8(0), at: 0) } == .invalidArgument)
                check(try packet.internetChecksum(in: 0..<0) == 0xFFFF)
            }
        }

        // MARK: Internet checksum

        @Test func checksumMatchesRFC1071AndARealHeader() {
            // RFC 1071's example: the sum of 0001 f203 f4f5 f6f7 is ddf2.
            var sum = InternetChecksum()
            sum.add(bytes: [0x00, 0x01, 0xF2, 0x03, 0xF4, 0xF5, 0xF6, 0xF7])
            #expect(sum.value == ~UInt16(0xDDF2))
            #expect(InternetChecksum().value == 0xFFFF)
            var header = Self.ipv4Header
            var whole = InternetChecksum()
            whole.add(bytes: header)
            #expect(whole.value == 0, "a header with a correct checksum sums to 0")
            header[10] = 0
            header[11] = 0
            var fresh = InternetChecksum()
            fresh.add(bytes: header)
            #expect(fresh.value == 0xB861)
        }

        @Test func checksumOfAnyPiecesIsTheChecksumOfTheWhole() {
            var generator = SystemRandomNumberGenerator()
            for length in Array(0...40) + [63, 64, 65, 1471, 1472, 9000] {
                let data = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
                let expected = Self.referenceChecksum(data)
                var contiguous = InternetChecksum()
                contiguous.add(bytes: data)
                #expect(contiguous.value == expected, "length \(length)")
                var spanned = InternetChecksum()
                spanned.add(data.span.bytes)
                #expect(spanned.value == expected, "span, length \(length)")
                var iterated = InternetChecksum()
                iterated.add(bytes: AnySequence(data))  // the byte-at-a-time path
                #expect(iterated.value == expected, "sequence, length \(length)")
                // Every split, odd ones included, and the two paths mixed.
                for cut in stride(from: 0, through: length, by: length > 100 ? 97 : 1) {
                    var pieces = InternetChecksum()
                    pieces.add(bytes: data[..<cut])
                    pieces.add(bytes: AnySequence(data[cut...]))
                    #expect(pieces.value == expected, "length \(length) cut at \(cut)")
                    var three = InternetChecksum()
                    three.add(bytes: AnySequence(data[..<(cut / 2)]))
                    three.add(bytes: data[(cut / 2)..<cut])
                    three.add(bytes: data[cut...])
                    #expect(three.value == expected, "length \(length) cut at \(cut / 2) and \(cut)")
                }
            }
        }

        @Test func checksumWordsAreNumbers() {
            // A word adds its value: the same as its two bytes at an even offset...
            var words = InternetChecksum()
            words.add(0x1234)
            words.add(0xFFFF)
            var bytes = InternetChecksum()
            bytes.add(bytes: [0x12, 0x34, 0xFF, 0xFF])
            #expect(words.value == bytes.value)
            // ...and it leaves a pending odd byte pending.
            var odd = InternetChecksum()
            odd.add(bytes: [0xAB])
            odd.add(0x0102)
            odd.add(bytes: [0xCD])
            #expect(odd.value == Self.referenceChecksum([0xAB, 0xCD, 0x01, 0x02]))
            // Many words: the sum never overflows.
            var many = InternetChecksum()
            for _ in 0..<200_000 { many.add(0xFFFF) }
            #expect(many.value == 0)
        }

        @Test func packetChecksumsCoverARangeOfTheData() throws {
            try withPacket(length: 0) { packet throws(CNEError) in
                try packet.append(contentsOf: [UInt8](repeating: 0xEE, count: 14) + Self.ipv4Header + [1, 2, 3])
                check(try packet.internetChecksum(in: 14..<34) == 0, "the header's checksum is right")
                try packet.storeBigEndian(UInt16(0), at: 24)
                let checksum = try packet.internetChecksum(in: 14..<34)
                check(checksum == 0xB861)
                try packet.storeBigEndian(checksum, at: 24)
                check(try packet.internetChecksum(in: 14..<34) == 0)
                // To the end, and past it.
                let all = bytes(packet)
                check(try packet.internetChecksum(in: 33..<37) == Self.referenceChecksum(Array(all[33..<37])))
                check(code { () throws(CNEError) in _ = try packet.internetChecksum(in: 33..<38) } == .invalidArgument)
                check(code { () throws(CNEError) in _ = try packet.internetChecksum(in: 37..<38) } == .invalidArgument)
                check(try packet.internetChecksum(in: 37..<37) == 0xFFFF)
                // A pseudo-header: pieces of the packet and numbers, as UDP does.
                var sum = InternetChecksum()
                try sum.add(bytesOf: packet, in: 1..<4)  // odd: continues into the next piece
                sum.add(17)
                try sum.add(bytesOf: packet, in: 4..<37)
                check(sum.value == Self.referenceChecksum(Array(all[1..<37]) + [0, 17]))
                let before = sum.value
                check(code { () throws(CNEError) in try sum.add(bytesOf: packet, in: 30..<40) } == .invalidArgument)
                check(sum.value == before, "a failed add changed the sum")
            }
        }

        // MARK: MACAddress bytes

        @Test func macAddressBytes() {
            var mac = MACAddress(0x02, 0x00, 0x5E, 0x10, 0x20, 0xFF)
            #expect(mac.octets == [0x02, 0x00, 0x5E, 0x10, 0x20, 0xFF])
            #expect((0..<6).map { mac[$0] } == mac.octets)
            #expect(MACAddress(octets: mac.octets) == mac)
            #expect(MACAddress(octets: [1, 2, 3, 4, 5]) == nil)
            #expect(MACAddress(octets: [1, 2, 3, 4, 5, 6, 7]) == nil)
            #expect(MACAddress(octets: [UInt8]()) == nil)
            #expect(MACAddress(octets: UInt8(1)...UInt8(6)) == MACAddress(1, 2, 3, 4, 5, 6))
            mac[0] = 0x01
            mac[5] = 0x00
            #expect(mac == MACAddress(0x01, 0x00, 0x5E, 0x10, 0x20, 0x00))
            #expect(mac.isMulticast)
            #expect(mac.description == "01:00:5e:10:20:00")
        }

        @Test func macAddressIndexPastTheEndTraps() async {
            await #expect(processExitsWith: .failure) {
                let mac = MACAddress.broadcast
                _ = mac[6]
            }
            await #expect(processExitsWith: .failure) {
                var mac = MACAddress.broadcast
                mac[-1] = 0
            }
        }

        // MARK: PacketBursts

        @Test func packetBurstsHoldAndSendTheirPackets() throws {
            try withPort { port, thread throws(CNEError) in
                var outs = PacketBursts(count: 3, capacity: 4)
                check(outs.count == 3 && outs.indices == 0..<3)
                check(outs.packetCount == 0)
                check(outs[2].capacity == 4 && outs[2].isEmpty)
                check(port.allocate(4, into: &outs[0], on: thread) == 4)
                check(port.allocate(2, into: &outs[2], on: thread) == 2)
                check(outs[0].count == 4 && outs[1].count == 0 && outs[2].count == 2)
                check(outs.packetCount == 6)
                // In place: a packet moved from one burst to another, a full one refuses.
                if let packet = outs[0].popLast() {
                    check(outs[1].append(packet) == nil)
                }
                if let packet = port.allocatePacket(on: thread) {
                    check(outs[0].append(packet) == nil)
                    if let spare = port.allocatePacket(on: thread) {
                        let refused = outs[0].append(spare)
                        check(refused != nil)
                    }
                }
                check(outs[0].count == 4 && outs[1].count == 1 && outs.packetCount == 7)
                // Sending through the subscript takes the packets (net_null takes all).
                let sent = try port.send(&outs[2], on: thread)
                check(sent == 2 && outs[2].isEmpty)
                outs.removeAll()
                check(outs.packetCount == 0)
                check(port.allocate(3, into: &outs[1], on: thread) == 3)
                // `outs` is dropped here and frees the three.
            }
        }

        @Test func noBurstsIsAllowed() {
            let none = PacketBursts(count: 0, capacity: 1)
            check(none.count == 0 && none.indices.isEmpty && none.packetCount == 0)
        }

        @Test func packetBurstIndexPastTheEndTraps() async {
            await #expect(processExitsWith: .failure) {
                let outs = PacketBursts(count: 2, capacity: 1)
                _ = outs[2].count
            }
            await #expect(processExitsWith: .failure) {
                var outs = PacketBursts(count: 2, capacity: 1)
                outs[-1].removeAll()
            }
        }
    }
}
