import Testing
import Xdp

/// libxdp through the generated module: an AF_XDP producer and consumer ring driven by the
/// C99 inline functions of xsk.h, called through their generated exported wrappers, over
/// memory the test owns (no socket, no privileges).
@Suite struct XdpTests {
    @Test func producerRingReserveSubmit() {
        var producer: UInt32 = 0
        var consumer: UInt32 = 0
        var flags: UInt32 = 0
        var addresses = [UInt64](repeating: 0, count: 8)
        withUnsafeMutablePointer(to: &producer) { prod in
            withUnsafeMutablePointer(to: &consumer) { cons in
                withUnsafeMutablePointer(to: &flags) { flagsPointer in
                    addresses.withUnsafeMutableBytes { ring in
                        var fill = xsk_ring_prod(cached_prod: 0, cached_cons: 8, mask: 7, size: 8, producer: prod, consumer: cons, ring: ring.baseAddress, flags: flagsPointer)
                        var index: UInt32 = 0
                        #expect(cxdp_xsk_ring_prod__reserve(&fill, 5, &index) == 5)
                        #expect(index == 0)
                        for i in 0..<UInt32(5) { cxdp_xsk_ring_prod__fill_addr(&fill, index + i).pointee = UInt64(i) * 4096 }
                        cxdp_xsk_ring_prod__submit(&fill, 5)
                        #expect(cxdp_xsk_ring_prod__reserve(&fill, 4, &index) == 0, "only 3 slots left")

                        // The same memory as the consumer side sees it.
                        var comp = xsk_ring_cons(cached_prod: 0, cached_cons: 0, mask: 7, size: 8, producer: prod, consumer: cons, ring: ring.baseAddress, flags: flagsPointer)
                        #expect(cxdp_xsk_ring_cons__peek(&comp, 8, &index) == 5)
                        #expect(cxdp_xsk_ring_cons__comp_addr(&comp, index + 2).pointee == 8192)
                        cxdp_xsk_ring_cons__release(&comp, 5)
                    }
                }
            }
        }
        #expect(producer == 5)
        #expect(consumer == 5)
    }

    @Test func umemAddressHelpers() {
        let address: UInt64 = (3 << XSK_UNALIGNED_BUF_OFFSET_SHIFT) | 0x1000
        #expect(cxdp_xsk_umem__extract_addr(address) == 0x1000)
        #expect(cxdp_xsk_umem__extract_offset(address) == 3)
        #expect(cxdp_xsk_umem__add_offset_to_addr(address) == 0x1003)
    }

    @Test func libxdpErrorStrings() {
        var buffer = [CChar](repeating: 0, count: 128)
        #expect(libxdp_strerror(-22, &buffer, buffer.count) == 0)
        let message = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        #expect(message.contains("Invalid argument"), "\(message)")
        // libxdp's (and libbpf's) error pointers: a negative errno in the pointer's bits.
        #expect(libxdp_get_error(UnsafeRawPointer(bitPattern: -22)) == -22)
        #expect(libxdp_get_error(UnsafeRawPointer(bitPattern: 0x1000)) == 0)
    }
}
