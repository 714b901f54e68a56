import Testing
@testable import CNE

/// The differential test: CNE's parser against the real json-c 0.16, called the way jcfg calls it.
@Suite struct JSONCDifferentialTests {
    /// Mutations per good config.
    static let mutationsPerConfig = 1500

    /// Checks one input; returns a failure description or nil.
    static func check(_ bytes: [UInt8]) -> String? {
        let real = JsonCOutcome.read(bytes)
        let replay = JcfgReading.read(bytes).probe
        // 1. CNE's jcfg replay is json-c: same acceptance, same values and order, same error byte.
        if real != replay {
            return "jcfg replay differs: json-c \(real), CNE \(replay)"
        }
        // 2. What CNE accepts, jcfg accepts with the same values; what it refuses beyond jcfg
        //    is one of the documented deviations.
        do {
            let document = try JSONCDocument(parsing: bytes)
            guard case .accepted(let probe) = real, probe == Probe(document.root) else {
                return "CNE accepted what json-c did not: json-c \(real)"
            }
        } catch {
            if case .accepted = real {
                let deviations: Set<CNEError.Code> = [
                    .config(.duplicateKey), .config(.trailingContent), .config(.syntax), .config(.invalidValue),
                ]
                guard deviations.contains(error.code) else { return "CNE refused (\(error)) what json-c accepted" }
                // A syntax deviation is only ever the NUL byte.
                if error.code == .config(.syntax), !bytes.contains(0) { return "CNE refused (\(error)) what json-c accepted" }
            }
        }
        return nil
    }

    static func run(_ inputs: [[UInt8]]) -> (checked: Int, accepted: Int, failures: [String]) {
        var failures: [String] = []
        var accepted = 0
        for bytes in inputs {
            if case .accepted = JcfgReading.read(bytes) { accepted += 1 }
            if let failure = check(bytes), failures.count < 20 {
                let shown = String(decoding: bytes.prefix(300), as: UTF8.self)
                failures.append("\(failure)\n  input: \(shown.debugDescription)")
            }
        }
        return (inputs.count, accepted, failures)
    }

    @Test func edgeCasesMatchJsonC() {
        let result = Self.run(JSONCCorpus.edgeCases.map { Array($0.utf8) })
        #expect(result.failures.isEmpty, "\(result.failures.joined(separator: "\n"))")
        #expect(result.checked > 240)
    }

    @Test func goodConfigsMatchJsonC() {
        let configs = JSONCCorpus.goodConfigs()
        #expect(configs.count >= 4)
        let result = Self.run(configs.map(\.bytes))
        #expect(result.failures.isEmpty, "\(result.failures.joined(separator: "\n"))")
        #expect(result.accepted == configs.count)
    }

    @Test func mutatedConfigsMatchJsonC() {
        let inputs = JSONCCorpus.mutations(count: Self.mutationsPerConfig)
        let result = Self.run(inputs)
        #expect(result.failures.isEmpty, "\(result.failures.joined(separator: "\n"))")
        // Both sides of the line must be well represented, or the test proves little.
        #expect(result.accepted > inputs.count / 10)
        #expect(result.accepted < inputs.count * 9 / 10)
    }
}
