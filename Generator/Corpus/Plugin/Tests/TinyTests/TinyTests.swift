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

    @Test func forHeaderMacroTakesAClosure() {
        let nodes = UnsafeMutablePointer<tiny_node_t>.allocate(capacity: 3)
        defer { nodes.deallocate() }
        nodes[0] = tiny_node_t(value: 1, next: nodes + 1)
        nodes[1] = tiny_node_t(value: 2, next: nodes + 2)
        nodes[2] = tiny_node_t(value: 3, next: nil)
        var list = tiny_list_t(head: nodes)
        var seen: [UInt32] = []
        Tiny.tiny_list_foreach(&list) { node in seen.append(node!.pointee.value) }
        #expect(seen == [1, 2, 3])
        var empty = tiny_list_t(head: nil)
        Tiny.tiny_list_foreach(&empty) { _ in seen.append(0) }
        #expect(seen == [1, 2, 3])
    }
}
