import Testing
import Tiny

/// The bindings the plugin generated, used from Swift.
@Suite struct TinyTests {
    @Test func macrosAndInlineFunctionsWork() {
        var pair = tiny_pair_t(a: 7, b: 5)
        #expect(Tiny.tiny_first(&pair) == 7)
        #expect(tiny_sum(&pair) == 12)
        #expect(Tiny.TINY_MAX(UInt8(3), UInt8(9)) == 9)
        #expect(TINY_FLAGS == 9)
        var filter = tiny_filter_t()
        _ = Tiny.TINY_FILTER_SET(UInt32(37), &filter)
        #expect(Tiny.TINY_FILTER_HAS(UInt32(37), &filter) == 1 && Tiny.TINY_FILTER_HAS(UInt32(36), &filter) == 0)
        #expect(Tiny.tiny_shift(&pair, 2)?.pointee == 3 && pair.a == 9)
    }
}
