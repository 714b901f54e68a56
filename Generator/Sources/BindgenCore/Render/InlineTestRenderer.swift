/// Renders `InlineFunctionTests.swift`: each C99 inline function and its exported wrapper
/// taken as `@convention(c)` function values (which must link), and called through the
/// value when every parameter is an integer.
enum InlineTestRenderer {
    static func render(_ plan: GenerationPlan) -> GeneratedFile? {
        let mapper = plan.swiftTypeMapper
        let tested = plan.inlineWrappers.compactMap { f -> (Function, String)? in
            let type = CType.function(returns: f.returns, parameters: f.parameters.map(\.type), variadic: false)
            return mapper.functionType(type).map { (f, $0) }
        }
        guard !tested.isEmpty else { return nil }
        var w = TextWriter()
        w.line(Banner.swift(plan))
        w.line()
        w.line("import \(plan.config.swiftModuleName)")
        w.line("import Testing")
        w.line()
        w.line("/// C99 inline functions as function values: the function itself (its external definition")
        w.line("/// comes from the library or from shims.c) and the wrapper shims.c always exports.")
        w.block("@Suite struct InlineFunctionTests {") { w in
            for (f, type) in tested {
                let wrapper = plan.config.shimPrefix + f.name
                w.line()
                w.line("/// `\(f.name)` and `\(wrapper)`.")
                w.block("@Test func inline_\(f.name)() {") { w in
                    w.line("let original: \(type) = \(f.name)")
                    w.line("let wrapper: \(type) = \(wrapper)")
                    w.line("#expect(unsafeBitCast(original, to: UInt.self) != 0)")
                    w.line("#expect(unsafeBitCast(wrapper, to: UInt.self) != 0)")
                    let integers = f.parameters.allSatisfy { if case .builtin(let b) = $0.type.desugared { b.isInteger && b != .bool } else { false } }
                    if integers, case .builtin(let b) = f.returns.desugared, b.isInteger {
                        let args = f.parameters.indices.map { String($0 + 3) }.joined(separator: ", ")
                        w.line("#expect(wrapper(\(args)) == original(\(args)))")
                    }
                }
            }
        }
        return GeneratedFile(root: .layoutTests, path: "InlineFunctionTests.swift", contents: w.text)
    }
}
