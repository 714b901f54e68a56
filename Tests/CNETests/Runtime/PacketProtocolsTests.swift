import Testing
@testable import CNE

extension RuntimeSuite {
    /// The protocol toolkit reached from a packet and a burst, on `net_null` buffers (frames
    /// of Ethernet/IPv4/UDP 5000 -> 5001, 64 bytes).
    @Suite struct PacketProtocolsTests {
        func withPort(_ body: (Port, borrowing RegisteredThread) throws(CNEError) -> Void) throws {
            let instance = try Instance(config: nullConfig())
            defer { try? instance.close() }
            try instance.withRegisteredThread(named: "protocols") { thread throws(CNEError) in
                try body(instance.ports[0], thread)
            }
            check(instance.poolUsage()[0].inUse == 0, "a buffer leaked")
        }

        @Test(.enabled(if: isEmbeddedCore, "the embedded net_null's UDP frames; CNDP's makes zero-filled frames"))
        func receivedFramesParseAndVLANTagsComeAndGo() throws {
            try withPort { port, thread throws(CNEError) in
                var burst = PacketBurst(capacity: 4)
                check(try port.receive(into: &burst, on: thread) == 4)
                burst.forEach { packet in
                    let layers = packet.withBytes { try? FrameLayers(parsing: $0) }
                    check(layers?.ipv4 != nil && layers?.udp?.destinationPort == 5001)
                    let before = packet.withBytes { $0.withUnsafeBytes { Array($0) } }
                    check((try? packet.pushVLAN(VLANTag(id: 7, priority: 1))) != nil)
                    check(packet.length == before.count + 4)
                    check((try? packet.ethernetHeader())?.outerTag?.id == 7 && packet.etherType == 0x8100)
                    check(packet.popVLAN()?.id == 7 && packet.popVLAN() == nil)
                    check(packet.withBytes { $0.withUnsafeBytes { Array($0) } } == before)
                }
            }
        }

        @Test func retainKeepsWhatItRewritesAndFreesTheRest() throws {
            try withPort { port, thread throws(CNEError) in
                var burst = PacketBurst(capacity: 8)
                check(try port.receive(into: &burst, on: thread) == 8)
                var index = 0
                burst.retain { packet in
                    defer { index += 1 }
                    guard index % 2 == 0 else { return false }
                    try? packet.setDestinationMAC(MACAddress(2, 0, 0, 0, 0, UInt8(index)))
                    return true
                }
                check(burst.count == 4)
                var seen: [UInt8] = []
                burst.forEach { packet in seen.append(packet.destinationMAC?[5] ?? 0xFF) }
                check(seen == [0, 2, 4, 6], "kept in order, rewritten")
            }
        }

        @Test func writeUDPFrameBuildsAValidDatagram() throws {
            try withPort { port, thread throws(CNEError) in
                guard var packet = port.allocatePacket(on: thread) else { return }
                let builder = UDPFrameBuilder(
                    sourceMAC: MACAddress(2, 0, 0, 0, 0, 1), destinationMAC: .broadcast,
                    source: IPv4Address(192, 0, 2, 1), destination: IPv4Address(192, 0, 2, 2),
                    sourcePort: 1000, destinationPort: 2000)
                let payload: [UInt8] = Array("seven".utf8)
                try packet.writeUDPFrame(builder, payload: payload.span.bytes)
                check(packet.length == 47)
                let valid = packet.withBytes { bytes -> Bool in
                    guard let layers = try? FrameLayers(parsing: bytes), let ip = layers.ipv4, let udp = layers.udp else { return false }
                    return ip.isChecksumValid(in: bytes) && udp.isChecksumValid(in: bytes, pseudoHeader: ip.pseudoHeader, zeroMeansNone: false)
                }
                check(valid)
                let huge = [UInt8](repeating: 0, count: 4000)
                var refused = false
                do throws(CNEError) { try packet.writeUDPFrame(builder, payload: huge.span.bytes) } catch { refused = error.code == .invalidArgument }
                check(refused, "4000 bytes do not fit a 2 KB buffer")
                check(packet.length == 47, "a failed write left the length alone")
            }
        }
    }
}
