/// Renders Swift Testing suites that hold each record view against C: every member written
/// from Swift must leave the same bytes as the C assignment, and read back what C wrote.
enum LayoutTestRenderer {
    static func render(_ plan: GenerationPlan) -> [GeneratedFile] {
        guard !plan.views.isEmpty else { return [] }
        return [GeneratedFile(root: .layoutTests, path: "LayoutTestSupport.swift", contents: support(plan))]
            + plan.views.map { view in
                GeneratedFile(root: .layoutTests, path: "\(view.name)LayoutTests.swift", contents: suite(view, plan: plan))
            }
    }

    /// The buffer helpers every suite shares, written once.
    static func support(_ plan: GenerationPlan) -> String {
        var w = TextWriter()
        w.line(Banner.swift(plan))
        w.line()
        w.line("/// Runs `body` with two buffers of `size` bytes holding the same non-zero pattern: one for")
        w.line("/// Swift to write into, one for C.")
        w.block("func withTwinBuffers(size: Int, alignment: Int, _ body: (UnsafeMutableRawPointer, UnsafeMutableRawPointer) -> Void) {") { w in
            w.line("let a = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: alignment)")
            w.line("let b = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: alignment)")
            w.line("defer { a.deallocate(); b.deallocate() }")
            w.block("for i in 0..<size {") { w in
                w.line("a.storeBytes(of: UInt8(truncatingIfNeeded: i &* 37 &+ 11), toByteOffset: i, as: UInt8.self)")
            }
            w.line("b.copyMemory(from: a, byteCount: size)")
            w.line("body(a, b)")
        }
        w.line()
        w.line("/// True when the first `count` bytes of both buffers are equal.")
        w.block("func sameBytes(_ a: UnsafeMutableRawPointer, _ b: UnsafeMutableRawPointer, count: Int) -> Bool {") { w in
            w.line("(0..<count).allSatisfy { a.load(fromByteOffset: $0, as: UInt8.self) == b.load(fromByteOffset: $0, as: UInt8.self) }")
        }
        return w.text
    }

    static func suite(_ view: RecordView, plan: GenerationPlan) -> String {
        let r = view.record
        let p = ProbeRenderer.prefix + r.name
        var w = TextWriter()
        w.line(Banner.swift(plan))
        w.line()
        w.line("import \(plan.config.cModuleName).Probes")
        w.line("import \(plan.config.swiftModuleName)")
        w.line("import Testing")
        w.line()
        w.line("/// `\(view.name)` against the C compiler's view of `\(r.cSpelling)`.")
        w.block("@Suite struct \(view.name)LayoutTests {") { w in
            w.line("/// Two buffers of the record's size holding the same pattern.")
            w.block("func withBuffers(_ body: (UnsafeMutableRawPointer, UnsafeMutableRawPointer) -> Void) {") { w in
                w.line("withTwinBuffers(size: \(r.size), alignment: \(r.alignment), body)")
            }
            w.line()
            w.line("/// True when both buffers hold the same bytes.")
            w.block("func same(_ a: UnsafeMutableRawPointer, _ b: UnsafeMutableRawPointer) -> Bool {") { w in
                w.line("sameBytes(a, b, count: \(r.size))")
            }
            w.line()
            w.block("@Test func sizeAndAlignment() {") { w in
                w.line("#expect(\(view.name).size == \(p)_sizeof())")
                w.line("#expect(\(view.name).alignment == \(p)_alignof())")
            }
            for a in view.accessors {
                let f = a.field.name
                let member = "\(view.name)(swift).\(SwiftModuleRenderer.identifier(f))"
                let readBack = "\(view.name)(c).\(SwiftModuleRenderer.identifier(f))"
                w.line()
                if case .elements = a.kind {
                    w.block("@Test func \(f)() {") { w in
                        w.block("withBuffers { swift, c in") { w in
                            w.line("#expect(UnsafeMutableRawPointer(\(member)) == \(p)_\(f)_addr(swift))")
                        }
                    }
                    continue
                }
                if case .unnamedRecord = a.kind {
                    w.block("@Test func \(f)() {") { w in
                        w.block("withBuffers { swift, c in") { w in
                            w.line("#expect(\(member) == \(p)_\(f)_addr(swift))")
                        }
                    }
                    continue
                }
                guard let c = a.probeCType else { continue }
                let (first, second): (String, String)
                let toBits: String
                let fromBits: (String) -> String
                if case .bitfield(_, _, _, _, _, true) = a.kind {
                    (first, second) = ("1", "0")
                    fromBits = { $0 == "1" ? "true" : "false" }
                    toBits = "(\(readBack) ? 1 : 0)"
                } else if c == "pointer" {
                    (first, second) = ("0x5A5A_5A5A_5A50", "0xA5A5_A5A5_A5A0")
                    fromBits = { "unsafeBitCast(UInt(\($0)), to: (\(a.swiftType)).self)" }
                    toBits = "UInt64(unsafeBitCast(\(readBack), to: UInt.self))"
                } else if a.swiftType == "Bool" {
                    (first, second) = ("1", "0")
                    fromBits = { $0 == "1" ? "true" : "false" }
                    toBits = "(\(readBack) ? 1 : 0)"
                } else {
                    (first, second) = ("0x5A5A_5A5A_5A5A_5A5A", "0xA5A5_A5A5_A5A5_A5A5")
                    fromBits = { "\(a.swiftType)(truncatingIfNeeded: \($0) as UInt64)" }
                    toBits = "UInt64(truncatingIfNeeded: \(readBack))"
                }
                w.block("@Test func \(f)() {") { w in
                    w.block("withBuffers { swift, c in") { w in
                        w.line("\(member) = \(fromBits(first))")
                        w.line("\(p)_\(f)_set(c, \(first))")
                        w.line("#expect(same(swift, c), \"Swift and C wrote different bytes\")")
                        w.line("\(p)_\(f)_set(c, \(second))")
                        w.line("#expect(\(toBits) == \(p)_\(f)_get(c))")
                    }
                }
            }
        }
        return w.text
    }
}
