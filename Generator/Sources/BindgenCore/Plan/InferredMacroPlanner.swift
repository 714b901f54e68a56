/// Plans the function-like macros bridged without a configured signature: each instantiation
/// clang accepted becomes a shim `<shimPrefix><name><suffix>` and a Swift function named like
/// the macro (overloads for a type-generic macro); every other macro is a skip with its exact
/// reason.
enum InferredMacroPlanner {
    static func plan(_ parsed: ParsedAPI, config: BindgenConfig, model: APIModel, mapper: SwiftTypeMapper, log: inout DiagnosticLog) -> [MacroShim] {
        for failure in parsed.macroInferenceFailures {
            let hint = failure.suggestion == nil ? "" : " (`cne-bindgen suggest` prints a functionMacros entry to start from)"
            log.emit(.skipped(failure.macro.name, .functionLikeMacro, failure.reason + hint, at: failure.macro.location))
        }
        let taken = Set(model.functions.map(\.name) + model.records.map(\.name) + model.typedefs.map(\.name) + model.variables.map(\.name))
            .union(model.enumConstantNames).union(model.externalEnumConstants)
        var shims: [MacroShim] = []
        var byMacro: [String: [InferredMacroFunction]] = [:]
        for inferred in parsed.inferredMacros { byMacro[inferred.macro.name, default: []].append(inferred) }
        for (name, instantiations) in byMacro.sorted(by: { $0.key < $1.key }) {
            let location = instantiations[0].macro.location
            if taken.contains(name) {
                log.emit(.skipped(name, .nameClash, "a C declaration has the same name; a Swift function of that name would clash with it", at: location))
                continue
            }
            var problems: [String] = []
            var kept: [MacroShim] = []
            for inferred in instantiations {
                let shimName = config.shimPrefix + name + inferred.suffix
                if taken.contains(shimName) {
                    problems.append("'\(shimName)' is already declared")
                    continue
                }
                var closureElement: String?
                var parameters = inferred.function.parameters.map { mapper.wrapperType($0.type) }
                if let element = inferred.forEachElement {
                    guard let swift = mapper.wrapperType(element) else {
                        problems.append("the loop variable's type has no Swift spelling")
                        continue
                    }
                    closureElement = swift
                    parameters = Array(parameters.dropLast(2)) + ["(\(swift)) -> Void"]
                }
                if let missing = parameters.firstIndex(where: { $0 == nil }) {
                    problems.append("parameter '\(inferred.function.parameters[missing].name)' (\(inferred.parameterDeclarations[missing])) has no Swift spelling")
                    continue
                }
                var returns = inferred.function.returns.desugared == .void ? "Void" : mapper.wrapperType(inferred.function.returns)
                var returnView: String?
                if case .pointer(let pointee, _) = inferred.function.returns, let view = mapper.viewName(of: pointee) {
                    returnView = view
                    returns = view + "?"
                }
                guard let returns else {
                    problems.append("the result type \(inferred.returnSpelling) has no Swift spelling")
                    continue
                }
                var function = inferred.function
                function.name = shimName
                let entry = FunctionMacroConfig(name: name, returns: inferred.returnSpelling, parameters: inferred.parameterDeclarations, expression: inferred.callExpression)
                kept.append(MacroShim(config: entry, function: function, swiftParameters: parameters.map { $0! }, swiftReturn: returns, returnView: returnView, inferred: inferred, closureElement: closureElement))
            }
            if kept.isEmpty {
                log.emit(.skipped(name, .unsupported, "inferred \(instantiations.map { "\($0.returnSpelling) (\($0.parameterDeclarations.joined(separator: ", ")))" }.first ?? ""), but \(problems.first ?? "no instantiation is usable")", at: location))
            }
            shims += kept
        }
        return shims
    }
}
