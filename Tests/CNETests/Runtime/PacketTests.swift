import Testing
@testable import CNE

extension RuntimeSuite {
    /// Packet bounds and ownership, on buffers of a `net_null` port (2048-byte buffers:
    /// 1984 bytes of room, 192 of them headroom).
    @Suite struct PacketTests {
        /// Runs `body` with a fresh instance, thread and port, then checks every buffer came back.
        func withPort(_ body: (Port, borrowing RegisteredThread) throws(CNEError) -> Void) throws {
            let instance = try Instance(config: nullConfig())
            defer { try? instance.close() }
            try instance.withRegisteredThread(named: "packets") { thread throws(CNEError) in
                try body(instance.ports[0], thread)
            }
            check(instance.poolUsage()[0].inUse == 0, "a buffer leaked")
        }

        func code(_ body: () throws(CNEError) -> Void) -> CNEError.Code? {
            do throws(CNEError) { try body() } catch { return error.code }
            return nil
        }

        @Test func appendAndTrimAtAndPastTheirLimits() throws {
            try withPort { port, thread throws(CNEError) in
                guard var packet = port.allocatePacket(on: thread) else {
                    Issue.record("no packet")
                    return
                }
                check(packet.length == 0)
                check(packet.headroom == 192)
                check(packet.tailroom == 1984 - 192)
                let room = packet.tailroom
                check(code { () throws(CNEError) in try packet.append(room + 1) } == .invalidArgument)
                check(packet.length == 0)
                check(code { () throws(CNEError) in try packet.append(-1) } == .invalidArgument)
                try packet.append(room)
                check(packet.length == room && packet.tailroom == 0)
                check(code { () throws(CNEError) in try packet.append(1) } == .invalidArgument)
                check(code { () throws(CNEError) in try packet.trim(room + 1) } == .invalidArgument)
                check(packet.length == room)
                try packet.trim(room)
                check(packet.length == 0)
                check(code { () throws(CNEError) in try packet.trim(1) } == .invalidArgument)
                try packet.setLength(100)
                check(packet.length == 100)
                check(code { () throws(CNEError) in try packet.setLength(room + 1) } == .invalidArgument)
                try packet.setLength(10)
                check(packet.length == 10)
            }
        }

        @Test func prependAndRemoveFirstAtAndPastTheirLimits() throws {
            try withPort { port, thread throws(CNEError) in
                guard var packet = port.allocatePacket(on: thread) else { return }
                check(code { () throws(CNEError) in try packet.prepend(193) } == .invalidArgument)
                check(packet.headroom == 192)
                try packet.prepend(14)
                check(packet.length == 14 && packet.headroom == 178)
                try packet.prepend(178)
                check(packet.headroom == 0)
                check(code { () throws(CNEError) in try packet.prepend(1) } == .invalidArgument)
                check(code { () throws(CNEError) in try packet.removeFirst(193) } == .invalidArgument)
                check(code { () throws(CNEError) in try packet.removeFirst(-1) } == .invalidArgument)
                try packet.removeFirst(192)
                check(packet.length == 0 && packet.headroom == 192)
            }
        }

        @Test func bytesAreReadAndWrittenInPlace() throws {
            try withPort { port, thread throws(CNEError) in
                guard var packet = port.allocatePacket(on: thread) else { return }
                try packet.append(contentsOf: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0x08, 0x00])
                check(packet.length == 14)
                check(packet.destinationMAC == MACAddress(1, 2, 3, 4, 5, 6))
                check(packet.sourceMAC == MACAddress(7, 8, 9, 10, 11, 12))
                check(packet.etherType == 0x0800)
                packet.withMutableBytes { bytes in
                    bytes.storeBytes(of: 0xAB, toByteOffset: 13, as: UInt8.self)
                }
                check(packet[13] == 0xAB)
                packet[0] = 0x42
                let sum = packet.withBytes { bytes in
                    (0..<bytes.byteCount).reduce(0) { $0 + Int(bytes.unsafeLoad(fromByteOffset: $1, as: UInt8.self)) }
                }
                check(sum == 0x42 + (2...12).reduce(0, +) + 0x08 + 0xAB)
                try packet.setDestinationMAC(.broadcast)
                check(packet.destinationMAC?.isMulticast == true)
                check(packet.swapMACAddresses())
                check(packet.sourceMAC == .broadcast)
                let full = packet.tailroom
                check(code { () throws(CNEError) in try packet.append(contentsOf: [UInt8](repeating: 0, count: full + 1)) } == .invalidArgument)
                check(packet.length == 14)
            }
        }

        @Test func shortPacketsHaveNoEthernetHeaderToSwap() throws {
            try withPort { port, thread throws(CNEError) in
                guard var packet = port.allocatePacket(on: thread) else { return }
                try packet.append(13)
                check(!packet.swapMACAddresses())
                // A runt from the wire: the accessors say nil, the setters throw, nothing traps.
                check(packet.destinationMAC == nil && packet.sourceMAC == nil && packet.etherType == nil)
                check(code { () throws(CNEError) in try packet.setSourceMAC(.broadcast) } == .invalidArgument)
                check(code { () throws(CNEError) in try packet.setEtherType(0x0800) } == .invalidArgument)
            }
        }

        @Test func burstsOwnTheirPackets() throws {
            try withPort { port, thread throws(CNEError) in
                var burst = PacketBurst(capacity: 64)
                check(port.allocate(64, into: &burst, on: thread) == 64)
                check(port.allocate(1, into: &burst, on: thread) == 0)  // full
                // Keep one in three; the others go back to the pool.
                var index = 0
                burst.filter { _ in
                    defer { index += 1 }
                    return index % 3 == 0
                }
                check(burst.count == 22)
                // Replace the first packet with a fresh one: the old one is freed.
                burst.forEach { packet in
                    if let fresh = port.allocatePacket(on: thread) {
                        packet = fresh
                    }
                }
                check(burst.count == 22)
                let last = burst.popLast()
                check(last != nil)
                let removed = burst.remove(at: 0)
                check(burst.count == 20)
                if let overflow = burst.append(removed) { overflow.free() }
                check(burst.count == 21)
                var small = PacketBurst(capacity: 1)
                check(port.allocate(1, into: &small, on: thread) == 1)
                if let spare = port.allocatePacket(on: thread) {
                    let back = small.append(spare)  // full: handed back, not lost
                    check(back != nil)
                }
                burst.removeAll()
                check(burst.isEmpty)
                // `small` is dropped here and frees its packet.
            }
        }

        @Test func allocationIsAllOrNothing() throws {
            try withPort { port, thread throws(CNEError) in
                var bursts: [Int] = []
                var held = PacketBurst(capacity: 4096)
                bursts.append(port.allocate(4000, into: &held, on: thread))
                var more = PacketBurst(capacity: 256)
                bursts.append(port.allocate(256, into: &more, on: thread))  // only 96 left
                bursts.append(port.allocate(96, into: &more, on: thread))
                check(bursts == [4000, 0, 96])
                check(port.allocatePacket(on: thread) == nil)
            }
        }
    }
}
