/// Renders the C module: module map, umbrella header, test probes and `shims.c`.
enum CModuleRenderer {
    static func render(_ plan: GenerationPlan) -> [GeneratedFile] {
        let name = plan.config.cModuleName
        return [
            GeneratedFile(root: .cModule, path: "include/module.modulemap", contents: moduleMap(plan)),
            GeneratedFile(root: .cModule, path: "include/\(name).h", contents: umbrella(plan)),
            GeneratedFile(root: .cModule, path: "include/\(name)Probes.h", contents: ProbeRenderer.render(plan)),
            GeneratedFile(root: .cModule, path: "shims.c", contents: shims(plan)),
        ] + simdGroups(plan).map { GeneratedFile(root: .cModule, path: simdFileName($0.features), contents: simdShims(plan, features: $0.features, wrappers: $0.wrappers)) }
            + APINotesRenderer.render(plan)
    }

    static func moduleMap(_ plan: GenerationPlan) -> String {
        let name = plan.config.cModuleName
        var w = TextWriter()
        w.line(Banner.swift(plan))
        w.block("module \(name) [system] {") { w in
            w.line("header \"\(name).h\"")
            for library in plan.config.linkLibraries { w.line("link \"\(library)\"") }
            w.line("export *")
            w.line()
            w.line("// Layout probes for the generated tests only; nothing else imports them.")
            w.block("explicit module Probes {") { w in
                w.line("header \"\(name)Probes.h\"")
                w.line("export *")
            }
        }
        return w.text
    }

    /// `name_s_field` style helper names for a record member.
    static func helperName(_ plan: GenerationPlan, _ record: Record, _ field: Field, _ suffix: String) -> String {
        "\(plan.config.shimPrefix)\(record.name)_\(field.name)_\(suffix)"
    }

    static func returnSpelling(_ f: Function) -> String {
        if let c = SwiftTypeMapper.cSpelling(f.returns) { return c }
        return String(f.signature.prefix { $0 != "(" }).trimmingTrailingSpaces()
    }

    static func parameterList(_ f: Function, dropping drop: Int? = nil) -> String {
        let params = f.parameters.enumerated().map { i, p in
            let name = p.name.isEmpty ? "arg\(i)" : p.name
            if p.spelling.hasSuffix("*") { return "\(p.spelling)\(name)" }
            return "\(p.spelling) \(name)"
        }
        return params.isEmpty ? "void" : params.joined(separator: ", ")
    }

    static func argumentNames(_ f: Function) -> [String] {
        f.parameters.enumerated().map { i, p in p.name.isEmpty ? "arg\(i)" : p.name }
    }

    static func umbrella(_ plan: GenerationPlan) -> String {
        let guardName = plan.config.cModuleName.uppercased() + "_H"
        var w = TextWriter()
        w.line(Banner.c(plan))
        w.line("#ifndef \(guardName)")
        w.line("#define \(guardName)")
        w.line()
        for header in plan.config.entryHeaders { w.line("#include <\(header)>") }
        if !plan.macroSupportHeaders.isEmpty {
            w.line("/* Standard headers the headers' macros call into without including them. */")
            for header in plan.macroSupportHeaders { w.line("#include <\(header)>") }
        }
        let atomics = plan.views.flatMap { v in v.accessors.compactMap { a -> (Record, FieldAccessor, String)? in
            if case .atomic(let c) = a.kind { return (v.record, a, c) }
            return nil
        } }
        if !atomics.isEmpty { w.line("#include <stdatomic.h>") }
        if !plan.macroShims.isEmpty {
            w.line()
            w.line("/* Function-like macros as functions (defined in shims.c). */")
            for shim in plan.macroShims {
                w.line("\(CModuleRenderer.declarator(shim.config.returns, shim.function.name))(\(shim.config.parameters.isEmpty ? "void" : shim.config.parameters.joined(separator: ", ")));")
            }
        }
        if !plan.inlineWrappers.isEmpty {
            w.line()
            w.line("/* Exported wrappers of C99 inline functions (shims.c): usable as function values. */")
            for f in plan.inlineWrappers {
                w.line("\(declarator(returnSpelling(f), plan.config.shimPrefix + f.name))(\(parameterList(f)));")
            }
        }
        if !plan.simdWrappers.isEmpty {
            w.line()
            w.line("/* Inline functions using SIMD intrinsics: Swift cannot compile their bodies without -march, so")
            w.line("   they are unavailable to it; simd_<features>.c exports each as \(plan.config.shimPrefix)<name>, compiled for")
            w.line("   the target features its own intrinsics need, and only those. */")
            for f in plan.simdWrappers {
                w.line("\(declarator(returnSpelling(f), plan.config.shimPrefix + f.name))(\(parameterList(f))); /* \(plan.simdWrapperFeatures[f.name].map { $0.isEmpty ? "default target" : $0 } ?? "default target") */")
            }
            w.line("#ifndef \(shimsMacro)")
            for f in plan.simdWrappers {
                w.line("static __typeof__(\(f.name)) \(f.name) __attribute__((unavailable(\"uses SIMD intrinsics; call \(plan.config.shimPrefix + f.name)\")));")
            }
            w.line("#endif")
        }
        if !plan.undefinedSymbols.isEmpty {
            w.line()
            w.line("/* Declared by the headers but defined by no library file that was read (SKIPPED.md). */")
            for name in plan.undefinedSymbols {
                w.line("extern __typeof__(\(name)) \(name) __attribute__((unavailable(\"declared in the headers, but the library does not define it\")));")
            }
        }
        if !plan.variadicWrappers.isEmpty {
            w.line()
            w.line("/* Fixed-arity wrappers of variadic functions: the text is printed with \"%s\" (shims.c). */")
            for v in plan.variadicWrappers {
                w.line("\(returnSpelling(v.function)) \(plan.config.shimPrefix)\(v.function.name)(\(parameterList(v.function)));")
            }
        }
        if !atomics.isEmpty {
            w.line()
            w.line("/* _Atomic members of records Swift does not import: sequentially consistent, inlined. */")
            for (record, accessor, c) in atomics {
                let member = "((\(record.cSpelling) *)p)->\(accessor.field.name)"
                w.line("static inline \(c) \(helperName(plan, record, accessor.field, "load"))(const void *p) { return atomic_load(&\(member)); }")
                w.line("static inline void \(helperName(plan, record, accessor.field, "store"))(void *p, \(c) v) { atomic_store(&\(member), v); }")
            }
        }
        if !plan.blocked.macros.isEmpty {
            w.line()
            w.line("/* Blocklisted macros (the config's block.macros): not visible through this module. */")
            for name in plan.blocked.macros { w.line("#undef \(name)") }
        }
        w.line()
        w.line("#endif /* \(guardName) */")
        return w.text
    }

    /// Defined by a build against other headers than the ones generated from (another build
    /// of the same library): the layout checks of records without a view are left out.
    static let otherHeadersMacro = "CNE_BINDGEN_OTHER_HEADERS"

    /// The size, alignment and field offset checks of one record.
    private static func layoutChecks(_ r: Record, _ w: inout TextWriter) {
        let t = r.cSpelling
        w.line("_Static_assert(sizeof(\(t)) == \(r.size), \"size of \(t)\");")
        w.line("_Static_assert(_Alignof(\(t)) == \(r.alignment), \"alignment of \(t)\");")
        for f in r.fields where f.bitWidth == nil {
            w.line("_Static_assert(offsetof(\(t), \(f.name)) == \(f.byteOffset), \"offset of \(t).\(f.name)\");")
        }
    }

    static func shims(_ plan: GenerationPlan) -> String {
        var w = TextWriter()
        w.line(Banner.c(plan))
        if !plan.config.defines.isEmpty {
            // Before any header: the headers are compiled as they were parsed (feature-test
            // macros such as _GNU_SOURCE only work ahead of the first system header).
            w.line("/* The config's `defines`, which the headers were parsed with. */")
            for define in plan.config.defines {
                let parts = define.split(separator: "=", maxSplits: 1).map(String.init)
                w.line("#ifndef \(parts[0])")
                w.line("#define \(parts[0]) \(parts.count > 1 ? parts[1] : "1")")
                w.line("#endif")
            }
        }
        w.line("#include <stddef.h>")
        w.line()
        // No target features here: the SIMD wrappers are in simd_<features>.c, each compiled for
        // its own features only, so nothing in this file can use an instruction the machine lacks.
        // The SIMD inline functions stay uncalled here; without the umbrella's `unavailable`
        // redeclarations (which would make clang check their bodies) they are not compiled.
        if !plan.simdWrappers.isEmpty { w.line("#define \(shimsMacro) 1") }
        w.line("#include \"\(plan.config.cModuleName).h\"")
        if !plan.layoutChecks.isEmpty {
            // The views' records are pinned always: their Swift accessors have the offsets
            // written in. Swift reads every other record through the importer, which lays it out
            // from the headers being compiled, so their checks only pin the headers generated
            // from; a build on another build of the library (another version's private layouts)
            // defines otherHeadersMacro and keeps only the checks Swift depends on.
            let viewed = Set(plan.views.map(\.record.name))
            let views = plan.layoutChecks.filter { viewed.contains($0.name) }
            let imported = plan.layoutChecks.filter { !viewed.contains($0.name) }
            if !views.isEmpty {
                w.line()
                w.line("/* Layouts as libclang computed them; the Swift views use the same numbers. */")
                for r in views { layoutChecks(r, &w) }
            }
            if !imported.isEmpty {
                w.line()
                w.line("/* The layouts of the headers generated from, of records Swift reads through the importer: */")
                w.line("/* not pinned when \(otherHeadersMacro) is defined (compiled against another build of the library). */")
                w.line("#ifndef \(otherHeadersMacro)")
                for r in imported { layoutChecks(r, &w) }
                w.line("#endif")
            }
        }
        if !plan.macroShims.isEmpty {
            w.line()
            w.line("/* Function-like macros as exported functions. */")
            for shim in plan.macroShims {
                let args = argumentNames(shim.function)
                let expression = shim.config.expression ?? "\(shim.config.name)(\(args.joined(separator: ", ")))"
                let params = shim.config.parameters.isEmpty ? "void" : shim.config.parameters.joined(separator: ", ")
                // A void macro is a statement (`do { ... } while (0)`): it cannot follow `return`.
                let body = isVoid(shim.config.returns) ? "\(expression);" : "return \(expression);"
                w.line("\(CModuleRenderer.declarator(shim.config.returns, shim.function.name))(\(params)) { \(body) }")
            }
        }
        if !plan.c99InlineDefinitions.isEmpty {
            w.line()
            w.line("/* External definitions of C99 inline functions, so their addresses link. */")
            for f in plan.c99InlineDefinitions { w.line("extern __typeof__(\(f.name)) \(f.name);") }
        }
        if !plan.inlineWrappers.isEmpty {
            w.line()
            w.line("/* Exported wrappers of C99 inline functions: each has an address whether or not the library")
            w.line("   emits the function's external definition. */")
            for f in plan.inlineWrappers {
                let isVoid = f.returns.desugared == .void
                w.line("\(declarator(returnSpelling(f), plan.config.shimPrefix + f.name))(\(parameterList(f))) { \(isVoid ? "" : "return ")\(f.name)(\(argumentNames(f).joined(separator: ", "))); }")
            }
        }
        if !plan.variadicWrappers.isEmpty {
            w.line()
            w.line("/* Fixed-arity wrappers of variadic functions. */")
            for v in plan.variadicWrappers {
                var args = argumentNames(v.function)
                args[v.formatIndex] = "\"%s\", " + args[v.formatIndex]
                let isVoid = v.function.returns.desugared == .void
                w.line("\(returnSpelling(v.function)) \(plan.config.shimPrefix)\(v.function.name)(\(parameterList(v.function))) { \(isVoid ? "" : "return ")\(v.function.name)(\(args.joined(separator: ", "))); }")
            }
        }
        return w.text
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }

}

extension CModuleRenderer {
    /// Defined by `shims.c` before the umbrella: keeps the SIMD functions available there.
    static let shimsMacro = "CNE_BINDGEN_SHIMS_C"

    /// The SIMD wrappers grouped by the target features they need, in a stable order.
    static func simdGroups(_ plan: GenerationPlan) -> [(features: String, wrappers: [Function])] {
        var groups: [String: [Function]] = [:]
        for f in plan.simdWrappers { groups[plan.simdWrapperFeatures[f.name] ?? "", default: []].append(f) }
        return groups.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// `simd_avx512f.c`, `simd_sse4_1_ssse3.c`; `simd.c` for the default target.
    static func simdFileName(_ features: String) -> String {
        features.isEmpty ? "simd.c" : "simd_" + String(features.map { $0.isLetter || $0.isNumber ? $0 : "_" }) + ".c"
    }

    /// One translation unit per feature set: the headers' functions (the SIMD inline ones
    /// included) compiled for `features` here only, and exported wrappers of the SIMD inline
    /// functions that need exactly those features, each with its own `target` attribute.
    static func simdShims(_ plan: GenerationPlan, features: String, wrappers: [Function]) -> String {
        var w = TextWriter()
        w.line(Banner.c(plan))
        if !plan.config.defines.isEmpty {
            for define in plan.config.defines {
                let parts = define.split(separator: "=", maxSplits: 1).map(String.init)
                w.line("#ifndef \(parts[0])")
                w.line("#define \(parts[0]) \(parts.count > 1 ? parts[1] : "1")")
                w.line("#endif")
            }
        }
        w.line("#include <stddef.h>")
        w.line()
        w.line("/* The SIMD inline functions are compiled for the target features their intrinsics require")
        w.line("   (\(features.isEmpty ? "none beyond the default target" : features)), in this file only; no -march needed. */")
        w.line("#define \(shimsMacro) 1")
        let attribute = features.isEmpty ? "" : "__attribute__((target(\"\(features)\"))) "
        if !features.isEmpty { w.line("#pragma clang attribute push(__attribute__((target(\"\(features)\"))), apply_to = function)") }
        w.line("#include \"\(plan.config.cModuleName).h\"")
        if !features.isEmpty { w.line("#pragma clang attribute pop") }
        w.line()
        w.line("/* Exported wrappers of the inline functions that use SIMD intrinsics. */")
        for f in wrappers {
            let isVoid = f.returns.desugared == .void
            w.line("\(attribute)\(declarator(returnSpelling(f), plan.config.shimPrefix + f.name))(\(parameterList(f))) { \(isVoid ? "" : "return ")\(f.name)(\(argumentNames(f).joined(separator: ", "))); }")
        }
        return w.text
    }

    /// True for the C type spelling `void` (not `void *`).
    static func isVoid(_ type: String) -> Bool { type.split(separator: " ") == ["void"] }

    /// `void *` + `f` → `void *f`; `int` + `f` → `int f`.
    static func declarator(_ type: String, _ name: String) -> String {
        type.hasSuffix("*") ? "\(type)\(name)" : "\(type) \(name)"
    }
}
