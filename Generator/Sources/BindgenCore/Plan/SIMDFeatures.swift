/// The target features the SIMD wrappers need, derived from the headers: each intrinsic in
/// clang's builtin headers declares its features (`__target__("avx512f")`), so an AVX-512
/// build of a header gets `avx512f` and an SSE one `ssse3`, with no fixed x86 list; on a
/// target whose intrinsics declare none (NEON on arm64), no pragma is emitted.
enum SIMDFeatures {
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
