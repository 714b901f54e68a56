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
    }
}
