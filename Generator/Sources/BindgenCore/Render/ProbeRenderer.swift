/// Renders `<Module>Probes.h`: static-inline C functions that read and write each member of
/// each view by name, so the generated tests can hold the Swift views against C.
enum ProbeRenderer {
    static let prefix = "cne_bindgen_probe_"

    static func name(_ record: Record, _ member: String, _ suffix: String) -> String {
        "\(prefix)\(record.name)_\(member)_\(suffix)"
    }

    static func render(_ plan: GenerationPlan) -> String {
        let guardName = plan.config.cModuleName.uppercased() + "_PROBES_H"
        var w = TextWriter()
        w.line(Banner.c(plan))
        w.line("#ifndef \(guardName)")
        w.line("#define \(guardName)")
        w.line()
        w.line("#include <stddef.h>")
        w.line("#include <stdint.h>")
        w.line()
        w.line("#include \"\(plan.config.cModuleName).h\"")
        for view in plan.views {
            let r = view.record
            let t = r.cSpelling
            w.line()
            w.line("/* \(t) */")
            w.line("static inline size_t \(prefix)\(r.name)_sizeof(void) { return sizeof(\(t)); }")
            w.line("static inline size_t \(prefix)\(r.name)_alignof(void) { return _Alignof(\(t)); }")
            for a in view.accessors {
                let f = a.field.name
                let member = "((\(t) *)p)->\(f)"
                if case .unnamedRecord = a.kind {
                    w.line("static inline void *\(name(r, f, "addr"))(void *p) { return (void *)&\(member); }")
                    continue
                }
                if case .elements = a.kind {
                    w.line("static inline void *\(name(r, f, "addr"))(void *p) { return (void *)\(member); }")
                    continue
                }
                guard let c = a.probeCType else { continue }
                if c == "pointer" {
                    w.line("static inline uint64_t \(name(r, f, "get"))(const void *p) { return (uint64_t)(uintptr_t)\(member); }")
                    w.line("static inline void \(name(r, f, "set"))(void *p, uint64_t v) { \(member) = (__typeof__(\(member)))(uintptr_t)v; }")
                } else {
                    w.line("static inline uint64_t \(name(r, f, "get"))(const void *p) { return (uint64_t)\(member); }")
                    w.line("static inline void \(name(r, f, "set"))(void *p, uint64_t v) { \(member) = (\(c))v; }")
                }
            }
        }
        ConstantTestRenderer.probes(plan, into: &w)
        MacroFunctionTestRenderer.probes(plan, into: &w)
        w.line()
        w.line("#endif /* \(guardName) */")
        return w.text
    }
}
