/// Renders one record view: a typed pointer whose members are loads and stores at the
/// offsets libclang computed.
enum ViewRenderer {
    static func render(_ view: RecordView, plan: GenerationPlan) -> String {
        let r = view.record
        let cName = r.typedefNames.isEmpty ? "`\(r.cSpelling)`" : "`\(r.cSpelling)` (`\(r.typedefNames.joined(separator: "`, `"))`)"
        var w = TextWriter()
        w.line(Banner.swift(plan))
        w.line()
        w.line("import \(plan.config.cModuleName)")
        w.line()
        w.line("/// A typed pointer to a \(cName), which Swift does not import because it is aligned to")
        w.line("/// \(r.alignment) bytes (pointers to it import as `OpaquePointer`).")
        w.line("///")
        w.line("/// Each member is one load or store at the offset libclang computed; `shims.c` checks the")
        w.line("/// offsets with `_Static_assert` and the generated layout tests check them against C.")
        w.block("@frozen public struct \(view.name): Hashable {") { w in
            w.line("/// The pointer, as the imported C functions take and return it.")
            w.line("public var raw: OpaquePointer")
            w.line()
            w.line("/// Views the record at `raw`.")
            w.line("@inlinable public init(_ raw: OpaquePointer) { self.raw = raw }")
            w.line()
            w.line("/// Views the record at `pointer`, which must be \(r.alignment)-byte aligned.")
            w.line("@inlinable public init(_ pointer: UnsafeMutableRawPointer) { self.raw = OpaquePointer(pointer) }")
            w.line()
            w.line("/// The first byte of the record.")
            w.line("@inlinable public var rawPointer: UnsafeMutableRawPointer { UnsafeMutableRawPointer(raw) }")
            w.line()
            w.line("/// `sizeof(\(r.cSpelling))`.")
            w.line("@inlinable public static var size: Int { \(r.size) }")
            w.line()
            w.line("/// `_Alignof(\(r.cSpelling))`.")
            w.line("@inlinable public static var alignment: Int { \(r.alignment) }")
            for a in view.accessors {
                w.line()
                accessor(a, record: r, plan: plan, into: &w)
            }
        }
        return w.text
    }

    static func accessor(_ a: FieldAccessor, record: Record, plan: GenerationPlan, into w: inout TextWriter) {
        let f = a.field
        let name = SwiftModuleRenderer.identifier(f.name)
        let t = a.swiftType
        switch a.kind {
        case .value:
            w.line("/// `\(f.spelling) \(f.name)` at byte \(f.byteOffset).")
            w.block("@inlinable public var \(name): \(t) {") { w in
                w.line("get { rawPointer.load(fromByteOffset: \(f.byteOffset), as: (\(t)).self) }")
                w.line("nonmutating set { rawPointer.storeBytes(of: newValue, toByteOffset: \(f.byteOffset), as: (\(t)).self) }")
            }
        case .bitfield(let offset, let bytes, let shift, let width, let signed, let isBool):
            let word = "UInt\(bytes * 8)"
            let mask = width == 64 ? "UInt64.max" : "0x\(String((UInt64(1) << UInt64(width)) - 1, radix: 16, uppercase: true))"
            let load = "UInt64(rawPointer.loadUnaligned(fromByteOffset: \(offset), as: \(word).self))"
            w.line("/// `\(f.spelling) \(f.name) : \(width)`: bits \(shift)..<\(shift + width) of the \(bytes)-byte word at byte \(offset).")
            w.block("@inlinable public var \(name): \(t) {") { w in
                if isBool {
                    w.line("get { (\(load) >> \(shift)) & 1 != 0 }")
                } else if signed {
                    w.line("get { \(t)(truncatingIfNeeded: Int64(bitPattern: \(load) << \(64 - shift - width)) >> \(64 - width)) }")
                } else {
                    w.line("get { \(t)(truncatingIfNeeded: (\(load) >> \(shift)) & \(mask)) }")
                }
                w.block("nonmutating set {") { w in
                    let value = isBool ? "(newValue ? 1 : 0)" : "UInt64(truncatingIfNeeded: newValue)"
                    w.line("let word = (\(load) & ~(UInt64(\(mask)) << \(shift))) | ((\(value) & \(mask)) << \(shift))")
                    w.line("rawPointer.storeBytes(of: \(word)(truncatingIfNeeded: word), toByteOffset: \(offset), as: \(word).self)")
                }
            }
        case .atomic:
            w.line("/// `\(f.spelling) \(f.name)` at byte \(f.byteOffset): sequentially consistent atomic loads and stores.")
            w.block("@inlinable public var \(name): \(t) {") { w in
                w.line("get { \(CModuleRenderer.helperName(plan, record, f, "load"))(rawPointer) }")
                w.line("nonmutating set { \(CModuleRenderer.helperName(plan, record, f, "store"))(rawPointer, newValue) }")
            }
        case .unnamedRecord:
            // clang spells the type with the path of its header ("unnamed struct at /usr/...").
            let keyword = f.type.desugared == .record(name: "", isUnion: true) ? "union" : "struct"
            w.line("/// `\(keyword) { ... } \(f.name)` at byte \(f.byteOffset): an unnamed \(keyword) type, so its raw bytes.")
            w.block("@inlinable public var \(name): UnsafeMutableRawPointer {") { w in
                w.line("rawPointer + \(f.byteOffset)")
            }
        case .elements(let count):
            w.line("/// `\(f.spelling) \(f.name)` at byte \(f.byteOffset): its first element\(count.map { " (of \($0))" } ?? " (a flexible array)").")
            w.block("@inlinable public var \(name): UnsafeMutablePointer<\(t)> {") { w in
                w.line("(rawPointer + \(f.byteOffset)).assumingMemoryBound(to: (\(t)).self)")
            }
        }
    }
}
