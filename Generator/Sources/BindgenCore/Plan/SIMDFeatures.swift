/// The target features the SIMD wrappers need, derived from the headers: each intrinsic in
/// clang's builtin headers declares its features (`__target__("avx512f")`), so an AVX-512
/// build of a header gets `avx512f` and an SSE one `ssse3`, with no fixed x86 list; on a
/// target whose intrinsics declare none (NEON on arm64), no pragma is emitted.
enum SIMDFeatures {
    /// Each wrapper's own features (those its intrinsics declare, through the inline functions
    /// it calls), so a wrapper is never compiled for features it does not use: an SSE wrapper
    /// built beside an AVX-512 one must still run on a machine without AVX-512. A wrapper whose
    /// intrinsics declare none (`__builtin_ia32_*` calls) gets the configured list.
    static func perWrapper(_ wrappers: [Function], model: APIModel, config: BindgenConfig) -> [String: String] {
        var unconfigured = config
        unconfigured.simdTargetFeaturesConfigured = false
        var result: [String: String] = [:]
        for w in wrappers {
            let own = features(for: [w], model: model, config: unconfigured)
            result[w.name] = own.isEmpty && config.simdTargetFeaturesConfigured ? config.simdTargetFeatures : own
        }
        return result
    }

    static func features(for wrappers: [Function], model: APIModel, config: BindgenConfig) -> String {
        if config.simdTargetFeaturesConfigured { return config.simdTargetFeatures }
        guard !wrappers.isEmpty else { return "" }
        let byName = Dictionary(model.functions.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var features: Set<String> = []
        var visited: Set<String> = []
        var pending = wrappers.map(\.name)
        while let name = pending.popLast() {
            guard visited.insert(name).inserted, let f = byName[name] else { continue }
            features.formUnion(f.intrinsicTargetFeatures)
            pending.append(contentsOf: f.calls)
        }
        return features.sorted().joined(separator: ",")
    }
}
