/// Renders `MacroFunctionTests.swift` and its C probes: every function-like macro bridged with
/// an inferred signature is called from Swift (through its shim) and expanded by C (a probe
/// in `<Module>Probes.h` that calls the macro itself) with the same arguments, and the results
/// compared. Pointer arguments point into patterned scratch memory: the same memory for a
/// value macro (its result may be an address), one copy per side for a statement macro,
/// compared afterwards, so its writes are held to C's.
///
/// Only macros that call no function and follow no loaded pointer (`isPure`) are called: the
/// scratch bytes are garbage as pointers. The others are taken as function values, which fails
/// to compile or link when the shim or its types are wrong.
enum MacroFunctionTestRenderer {
    /// A test's arguments and comparison, or nil when the macro is only referenced.
    struct Call {
        var swiftArguments: [String]
        var probeArguments: [String]
        var pointers: Int
        var scratchSize: Int
        /// How to compare `r` (Swift) with `p` (C); nil for void.
        var comparison: String?
    }

    static func probeName(_ shim: MacroShim) -> String { "\(ProbeRenderer.prefix)fm_\(shim.function.name)" }

    static func inferred(_ plan: GenerationPlan) -> [MacroShim] {
        plan.macroShims.filter { $0.inferred != nil && $0.swiftReturn != nil }
    }

    static func call(_ shim: MacroShim, plan: GenerationPlan, mapper: SwiftTypeMapper) -> Call? {
        guard let inferred = shim.inferred, inferred.isPure, shim.returnView == nil, let swiftTypes = shim.swiftParameters else { return nil }
        let values = [6, 3, 5, 2, 4, 7]
        let isVoid = shim.function.returns.desugared == .void
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
                let side = isVoid ? "c" : "swift"
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
        case .pointer: call.comparison = "unsafeBitCast(r, to: UInt.self) == unsafeBitCast(p, to: UInt.self)"
        default: return nil
        }
        return call
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
    }

    static func render(_ plan: GenerationPlan) -> GeneratedFile? {
        let shims = inferred(plan)
        guard !shims.isEmpty else { return nil }
        let mapper = SwiftTypeMapper(model: plan.model, views: Dictionary(uniqueKeysWithValues: plan.views.map { ($0.record.name, $0.name) }))
        let module = plan.config.swiftModuleName
        var w = TextWriter()
        w.line(Banner.swift(plan))
        w.line()
        w.line("import \(plan.config.cModuleName).Probes")
        w.line("import \(module)")
        w.line("import Testing")
        w.line()
        w.line("/// Scratch memory for pointer arguments: the Swift call and the C expansion each get their own")
        w.line("/// copy of the same bytes, which must still be equal afterwards.")
        w.block("private final class MacroScratch {") { w in
            w.line("let size: Int")
            w.line("let swift: [UnsafeMutableRawPointer]")
            w.line("let c: [UnsafeMutableRawPointer]")
            w.line()
            w.block("init(_ count: Int, size: Int) {") { w in
                w.line("self.size = size")
                w.block("func make() -> UnsafeMutableRawPointer {") { w in
                    w.line("let p = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 64)")
                    w.line("for i in 0..<size { p.storeBytes(of: UInt8(truncatingIfNeeded: i &* 37 &+ 11), toByteOffset: i, as: UInt8.self) }")
                    w.line("return p")
                }
                w.line("swift = (0..<count).map { _ in make() }")
                w.line("c = (0..<count).map { _ in make() }")
            }
            w.line()
            w.line("deinit { (swift + c).forEach { $0.deallocate() } }")
            w.line()
            w.line("/// True when both sides' scratch memory holds the same bytes.")
            w.block("var same: Bool {") { w in
                w.line("zip(swift, c).allSatisfy { a, b in (0..<size).allSatisfy { a.load(fromByteOffset: $0, as: UInt8.self) == b.load(fromByteOffset: $0, as: UInt8.self) } }")
            }
        }
        w.line()
        w.line("/// Each function-like macro bridged without a configured signature, against C's expansion.")
        w.block("@Suite struct MacroFunctionTests {") { w in
            for shim in shims {
                let inferred = shim.inferred!
                w.line()
                w.line("/// `\(shim.config.name)` as `\(shim.function.name)(\(shim.config.parameters.joined(separator: ", ")))`.")
                w.block("@Test func macro_\(shim.function.name)() {") { w in
                    guard let call = call(shim, plan: plan, mapper: mapper) else {
                        let ret = shim.swiftReturn == "Void" ? "Void" : shim.swiftReturn!
                        w.line("// \(inferred.isPure ? "Its arguments or result have no generic test value" : "It calls functions or follows loaded pointers"): taken as a value only.")
                        w.line("let f: (\(shim.swiftParameters!.joined(separator: ", "))) -> \(ret) = \(module).\(SwiftModuleRenderer.identifier(shim.config.name))")
                        w.line("withExtendedLifetime(f) {}")
                        return
                    }
                    if call.pointers > 0 { w.line("let scratch = MacroScratch(\(call.pointers), size: \(call.scratchSize))") }
                    let swiftCall = "\(module).\(SwiftModuleRenderer.identifier(shim.config.name))(\(call.swiftArguments.joined(separator: ", ")))"
                    let probeCall = "\(probeName(shim))(\(call.probeArguments.joined(separator: ", ")))"
                    if let comparison = call.comparison {
                        w.line("let r = \(swiftCall)")
                        w.line("let p = \(probeCall)")
                        w.line("#expect(\(comparison))")
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
