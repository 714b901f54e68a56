/// Renders `MacroFunctionTests.swift` and its C probes: every function-like macro bridged with
/// an inferred signature is called from Swift (through its shim) and expanded by C (a probe
/// in `<Module>Probes.h` that calls the macro itself) with the same arguments, and the results
/// compared. Pointer arguments point into patterned scratch memory: the same memory for a
/// value macro (its result may be an address), one copy per side for a statement macro,
/// compared afterwards, so its writes are held to C's.
///
/// Only macros that are safe on scratch memory are called (`InferredMacroFunction.callBlocker`
/// nil: they call no function and follow no loaded pointer, or call only header functions that
/// do neither, `MacroCallSafety`): the scratch bytes are garbage as pointers. A macro that calls
/// header functions gets its own copy of the scratch memory per side (those functions may
/// write), and pointer results are compared as offsets into each side's copy. The others are
/// taken as function values, which fails to compile or link when the shim or its types are
/// wrong, and the test says why they are not called.
enum MacroFunctionTestRenderer {
    /// A test's arguments and comparison, or nil when the macro is only referenced.
    struct Call {
        var swiftArguments: [String]
        var probeArguments: [String]
        var pointers: Int
        var scratchSize: Int
        /// How to compare `r` (Swift) with `p` (C); nil for void.
        var comparison: String?
        /// True when each side has its own copy of the scratch memory, compared afterwards.
        var separate = false
        /// For a call with configured values (`ConfiguredMacroCall.swift`): the `testValues`
        /// entry of each parameter; empty for a call on scratch memory.
        var configured: [Int] = []
        /// True for a `for` header called with configured values: the test compares the
        /// elements each side's loop visits (`ConfiguredMacroCall.swift`).
        var forEach = false
    }

    /// The integer arguments of the calls, by parameter index (modulo the count).
    static let testValues = [6, 3, 5, 2, 4, 7]

    static func probeName(_ shim: MacroShim) -> String { "\(ProbeRenderer.prefix)fm_\(shim.function.name)" }

    static func inferred(_ plan: GenerationPlan) -> [MacroShim] {
        plan.macroShims.filter { $0.inferred != nil && $0.swiftReturn != nil }
    }

    static func call(_ shim: MacroShim, plan: GenerationPlan, mapper: SwiftTypeMapper) -> Call? {
        guard let inferred = shim.inferred, shim.returnView == nil, let swiftTypes = shim.swiftParameters else { return nil }
        if inferred.callBlocker != nil {
            // The library's own objects test more than null pointers folded to a constant.
            if let configured = configuredCall(shim, swiftTypes, plan: plan, mapper: mapper) { return configured }
            return inferred.foldsWithNullPointers ? nullCall(shim, swiftTypes, mapper: mapper) : nil
        }
        let values = testValues
        let isVoid = shim.function.returns.desugared == .void
        // A pure value macro reads only: both sides share the memory (its result may be an
        // address). One that writes or calls header functions (which may write) gets a copy
        // per side.
        let separate = isVoid || !inferred.isPure || writes(inferred.macro, plan)
        var call = Call(swiftArguments: [], probeArguments: [], pointers: 0, scratchSize: 4096, comparison: nil)
        for (i, parameter) in shim.function.parameters.enumerated() {
            switch parameter.type.desugared {
            case .builtin(let b):
                let v = values[i % values.count]
                guard let c = mapper.swiftType(parameter.type) else { return nil }
                func literal(_ s: String) -> String { b == .bool ? "true" : b.isInteger ? "\(s)(truncatingIfNeeded: \(v))" : "\(s)(\(v))" }
                call.swiftArguments.append(literal(swiftTypes[i]))
                call.probeArguments.append(literal(c))
            case .pointer(let pointee, _):
                if let record = plan.model.record(for: pointee) { call.scratchSize = max(call.scratchSize, record.size + 64) }
                // A value macro gets the same memory on both sides (its result may be an
                // address or a difference of addresses); a void one writes, each side to its own
                // copy, compared afterwards.
                let side = separate ? "c" : "swift"
                guard let swift = pointerArgument(swiftTypes[i], "scratch.swift[\(call.pointers)]", plan: plan),
                    let c = mapper.swiftType(parameter.type).flatMap({ pointerArgument($0, "scratch.\(side)[\(call.pointers)]", plan: plan) })
                else { return nil }
                call.swiftArguments.append(swift)
                call.probeArguments.append(c)
                call.pointers += 1
            default:
                return nil
            }
        }
        switch shim.function.returns.desugared {
        case .void: call.comparison = nil
        case .builtin: call.comparison = "r == p"
        case .pointer where separate: call.comparison = "scratch.swiftPlace(r) == scratch.cPlace(p)"
        case .pointer: call.comparison = "unsafeBitCast(r, to: UInt.self) == unsafeBitCast(p, to: UInt.self)"
        case .record:
            // A record by value (CNDP's `CIN_ADDR(sa)`, a `struct in_addr` of <netinet/in.h>;
            // `CIN6_ADDR(sa)`, a union): its bytes, when all are defined (`RecordBytes`: no
            // padding, whose bytes C leaves unspecified) and, on separate copies, none belongs to
            // a pointer, which would point into each side's own copy.
            guard let bytes = inferred.resultBytes, bytes == .defined || !separate else { return nil }
            call.comparison = "withUnsafeBytes(of: r) { a in withUnsafeBytes(of: p) { b in a.elementsEqual(b) } }"
        default: return nil
        }
        call.separate = separate
        return call
    }

    /// The call with null pointers and the test's integers, for a macro clang folds to a constant
    /// that way (`vec_len(NULL)` is 0 without touching memory): no scratch memory.
    static func nullCall(_ shim: MacroShim, _ swiftTypes: [String], mapper: SwiftTypeMapper) -> Call? {
        var call = Call(swiftArguments: [], probeArguments: [], pointers: 0, scratchSize: 0, comparison: nil)
        for (i, parameter) in shim.function.parameters.enumerated() {
            switch parameter.type.desugared {
            case .builtin(let b):
                let v = testValues[i % testValues.count]
                guard let c = mapper.swiftType(parameter.type) else { return nil }
                func literal(_ s: String) -> String { b == .bool ? "true" : b.isInteger ? "\(s)(truncatingIfNeeded: \(v))" : "\(s)(\(v))" }
                call.swiftArguments.append(literal(swiftTypes[i]))
                call.probeArguments.append(literal(c))
            case .pointer:
                guard swiftTypes[i].hasSuffix("?"), mapper.swiftType(parameter.type)?.hasSuffix("?") == true else { return nil }
                call.swiftArguments.append("nil")
                call.probeArguments.append("nil")
            default:
                return nil
            }
        }
        switch shim.function.returns.desugared {
        case .builtin: call.comparison = "r == p"
        case .pointer: call.comparison = "unsafeBitCast(r, to: UInt.self) == unsafeBitCast(p, to: UInt.self)"
        default: return nil
        }
        return call
    }

    /// True when the macro's body (or a macro it uses) assigns or increments: it writes, so each
    /// side needs its own copy (`(f)->bits[i] |= m` would otherwise see the other side's write).
    static func writes(_ macro: Macro, _ plan: GenerationPlan) -> Bool {
        let byName = Dictionary(plan.model.macros.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var seen: Set<String> = []
        var pending = [macro]
        while let m = pending.popLast() {
            guard seen.insert(m.name).inserted else { continue }
            for t in m.tokens where t.kind == .punctuation {
                if ["++", "--"].contains(t.spelling) || t.spelling.hasSuffix("=") && !["==", "!=", "<=", ">="].contains(t.spelling) { return true }
            }
            pending += m.tokens.compactMap { byName[$0.spelling] }
        }
        return false
    }

    /// A scratch pointer converted to the Swift parameter type `type`.
    private static func pointerArgument(_ type: String, _ pointer: String, plan: GenerationPlan) -> String? {
        let base = type.hasSuffix("?") ? String(type.dropLast()) : type
        if plan.views.contains(where: { $0.name == base }) { return "\(base)(\(pointer))" }
        switch base {
        case "UnsafeMutableRawPointer": return pointer
        case "UnsafeRawPointer": return "UnsafeRawPointer(\(pointer))"
        case "OpaquePointer": return "OpaquePointer(\(pointer))"
        default: break
        }
        for (prefix, wrap) in [("UnsafeMutablePointer<", false), ("UnsafePointer<", true)] where base.hasPrefix(prefix) && base.hasSuffix(">") {
            let element = base.dropFirst(prefix.count).dropLast()
            let bound = "\(pointer).assumingMemoryBound(to: \(element).self)"
            return wrap ? "UnsafePointer(\(bound))" : bound
        }
        return nil
    }

    /// Why a bridged macro with an inferred signature is not called by the generated test
    /// (nil when it is, or when only its argument or result types have no test value).
    static func notCalledReason(_ shim: MacroShim, _ plan: GenerationPlan) -> String? {
        guard let inferred = shim.inferred else { return nil }
        if let blocker = inferred.callBlocker { return "it \(blocker)" + missingTestValues(shim, plan) }
        if shim.returnView != nil { return "its result is a record view, whose address scratch memory cannot back" }
        if case .record = shim.function.returns.desugared, inferred.resultBytes == nil {
            return "its result is a record whose bytes are not all defined (padding, a bitfield, a union no member of which spans it, a `long double` or vector member), so C's and Swift's cannot be compared"
        }
        return nil
    }

    /// The C probes, for `<Module>Probes.h`.
    static func probes(_ plan: GenerationPlan, into w: inout TextWriter) {
        let shims = inferred(plan)
        guard !shims.isEmpty else { return }
        w.line()
        w.line("/* Function-like macros expanded by C, for the Swift calls through their shims. */")
        for shim in shims {
            let names = CModuleRenderer.argumentNames(shim.function).joined(separator: ", ")
            let params = shim.config.parameters.isEmpty ? "void" : shim.config.parameters.joined(separator: ", ")
            let call = shim.config.expression ?? "\(shim.config.name)(\(names))"
            let body = CModuleRenderer.isVoid(shim.config.returns) ? "\(call);" : "return \(call);"
            w.line("static inline \(CModuleRenderer.declarator(shim.config.returns, probeName(shim)))(\(params)) { \(body) }")
        }
        valueProbes(plan, into: &w)
    }

    static func render(_ plan: GenerationPlan) -> GeneratedFile? {
        let shims = inferred(plan)
        guard !shims.isEmpty else { return nil }
        let mapper = plan.swiftTypeMapper
        let module = plan.config.swiftModuleName
        var w = TextWriter()
        w.line(Banner.swift(plan))
        w.line()
        w.line("import \(plan.config.cModuleName).Probes")
        w.line("import \(module)")
        w.line("import Testing")
        w.line()
        w.line("/// Scratch memory for pointer arguments: the Swift call and the C expansion each get their own")
        w.line("/// copy of the same bytes (one arena per side, blocks at the same offsets, so differences of")
        w.line("/// addresses agree), which must still be equal afterwards.")
        w.block("private final class MacroScratch {") { w in
            w.line("let size: Int")
            w.line("let count: Int")
            w.line("let swiftArena: UnsafeMutableRawPointer")
            w.line("let cArena: UnsafeMutableRawPointer")
            w.line("var swift: [UnsafeMutableRawPointer] { (0..<count).map { swiftArena + $0 * size } }")
            w.line("var c: [UnsafeMutableRawPointer] { (0..<count).map { cArena + $0 * size } }")
            w.line()
            w.block("init(_ count: Int, size: Int) {") { w in
                w.line("let block = (size + 63) / 64 * 64")
                w.line("self.size = block")
                w.line("self.count = count")
                w.block("func make() -> UnsafeMutableRawPointer {") { w in
                    w.line("let p = UnsafeMutableRawPointer.allocate(byteCount: count * block, alignment: 4096)")
                    w.line("for i in 0..<(count * block) { p.storeBytes(of: UInt8(truncatingIfNeeded: (i % block) &* 37 &+ 11), toByteOffset: i, as: UInt8.self) }")
                    w.line("return p")
                }
                w.line("swiftArena = make()")
                w.line("cArena = make()")
            }
            w.line()
            w.line("deinit { swiftArena.deallocate(); cArena.deallocate() }")
            w.line()
            w.line("/// An address as an offset into its side's arena when it points there, else its bits.")
            w.block("private func place(_ p: UnsafeRawPointer?, _ arena: UnsafeMutableRawPointer) -> (inArena: Bool, value: UInt) {") { w in
                w.line("let bits = UInt(bitPattern: p)")
                w.line("let base = UInt(bitPattern: arena)")
                w.line("return bits >= base && bits < base + UInt(count * size) ? (true, bits - base) : (false, bits)")
            }
            w.line()
            w.line("/// Where a Swift-side result points.")
            w.line("func swiftPlace(_ p: UnsafeRawPointer?) -> (inArena: Bool, value: UInt) { place(p, swiftArena) }")
            w.line()
            w.line("/// Where a C-side result points.")
            w.line("func cPlace(_ p: UnsafeRawPointer?) -> (inArena: Bool, value: UInt) { place(p, cArena) }")
            w.line()
            w.line("/// True when both sides' scratch memory holds the same bytes; a word that holds an address")
            w.line("/// into its own side's arena on both sides is the same when the offsets are.")
            w.block("var same: Bool {") { w in
                w.line("let total = count * size")
                w.block("for i in stride(from: 0, to: total, by: 8) {") { w in
                    w.line("let a = swiftArena.load(fromByteOffset: i, as: UInt.self)")
                    w.line("let b = cArena.load(fromByteOffset: i, as: UInt.self)")
                    w.line("if a != b && !(swiftPlace(UnsafeRawPointer(bitPattern: a)).inArena && swiftPlace(UnsafeRawPointer(bitPattern: a)) == cPlace(UnsafeRawPointer(bitPattern: b))) { return false }")
                }
                w.line("return true")
            }
        }
        w.line()
        w.line("/// Each function-like macro bridged without a configured signature, against C's expansion.")
        w.block("@Suite struct MacroFunctionTests {") { w in
            for shim in shims {
                w.line()
                w.line("/// `\(shim.config.name)` as `\(shim.function.name)(\(shim.config.parameters.joined(separator: ", ")))`.")
                w.block("@Test func macro_\(shim.function.name)() {") { w in
                    guard let call = call(shim, plan: plan, mapper: mapper) else {
                        let ret = shim.swiftReturn == "Void" ? "Void" : shim.swiftReturn!
                        w.line("// Not called, \(notCalledReason(shim, plan) ?? "its arguments or result have no generic test value"): taken as a value only.")
                        w.line("let f: (\(shim.swiftParameters!.joined(separator: ", "))) -> \(ret) = \(module).\(SwiftModuleRenderer.identifier(shim.config.name))")
                        w.line("withExtendedLifetime(f) {}")
                        return
                    }
                    let swiftCall = "\(module).\(SwiftModuleRenderer.identifier(shim.config.name))(\(call.swiftArguments.joined(separator: ", ")))"
                    let probeCall = "\(probeName(shim))(\(call.probeArguments.joined(separator: ", ")))"
                    if !call.configured.isEmpty {
                        renderConfigured(shim, call, swiftCall: swiftCall, probeCall: probeCall, plan: plan, into: &w)
                        return
                    }
                    if let blocker = shim.inferred?.callBlocker { w.line("// With null pointers: clang folds that call to a constant (on memory, it \(blocker)).") }
                    if call.pointers > 0 { w.line("let scratch = MacroScratch(\(call.pointers), size: \(call.scratchSize))") }
                    if let comparison = call.comparison {
                        w.line("let r = \(swiftCall)")
                        w.line("let p = \(probeCall)")
                        w.line("#expect(\(comparison))")
                        if call.separate && call.pointers > 0 { w.line("#expect(scratch.same)") }
                    } else {
                        w.line(swiftCall)
                        w.line(probeCall)
                        if call.pointers > 0 { w.line("#expect(scratch.same)") }
                    }
                }
            }
        }
        return GeneratedFile(root: .layoutTests, path: "MacroFunctionTests.swift", contents: w.text)
    }
}
