import Foundation
@testable import CNE

/// Inputs for the differential test: hand-written edge cases and seeded mutations of the good configs.
enum JSONCCorpus {
    /// Every construct json-c treats specially, and the mistakes near each.
    static let edgeCases: [String] = [
        // documents and what follows them
        "{}", "{} ", "{}\n", "{}//c", "{}//c\n", "{}/*c*/", "{}/*c", "{}/", "{}/x", "{}*", "", " ", "\n\t\r ",
        "// only\n", "/* only */", "{} {}", "{} {", "{} 1", "{} 1 ", "{} null ", "null ", "null", "{}x", "{}]",
        "123", "123 ", "123 456 ", "\"s\"", "\"s\" ", "true", "true ", "[] []", "[]{}", "{}[", "{}\"", "{} '",
        "\u{FEFF}{}", "\u{0C}{}", "\u{0B}{}", "{}\u{0}junk", "{\"a\u{0}\":1}", "\u{0}",
        // comments
        "/**/{}", "/***/{}", "/***/{}*/", "/* **/ {} */", "/*  ***/{}", "/* ****/{}", "/* *****/{}", "/*/{}*/",
        "{/**/\"a\"/**/:/**/1/**/,/**/}", "{//\n\"a\"://\n1//\n}", "[1/**/]", "[1//\n]", "[1/]", "[1/x]", "//\r{}",
        // containers
        "[]", "[ ]", "[1]", "[1,]", "[1, ]", "[,]", "[1,,2]", "[1 2]", "[1:2]", "[", "[1", "[1,", "]", "}",
        "{\"a\":1,}", "{,}", "{\"a\":1,,}", "{'a':'b'}", "{\"a\":'b\"c'}", "{'a\\'':1}", "{\"a\" 1}", "{\"a\":}",
        "{\"a\"}", "{a:1}", "{1:1}", "{\"a\":1 \"b\":2}", "{\"a\":[1,{\"b\":[]}]}", "{\"\":0}", "{\"a\"", "{\"a\":",
        "{\"a\":1", "{\"a", "{\"a\":[1,{\"b\":[]}]", "{\"a\":1,\"a\":2}", "{\"a\":1,\"b\":2,\"a\":3}",
        "{\"a\":{\"x\":1},\"a\":[2]}", "{'a':1,\"a\":2}", "{\"a\\u0000b\":1,\"a\":2}", "{\"a\\u0000b\":1}",
        // strings and escapes
        "[\"\\u0041\\u00e9\\u20ac\\ud83d\\ude00\"]", "[\"\\ud800\"]", "[\"\\ud800x\"]", "[\"\\ud800\\n\"]",
        "[\"\\ud800\\ud800\\udc00\"]", "[\"\\udc00\"]", "[\"\\ud800\\u0041\"]", "[\"\\ud800\\q\"]",
        "[\"\\ud800\\", "[\"\\ud800\\u", "[\"\\ud800", "[\"\\u12\"]", "[\"\\u12g4\"]", "[\"\\x\"]", "[\"\\'\"]",
        "['\\'']", "[\"a\nb\"]", "[\"tab\there\"]", "[\"\\/\\b\\f\\n\\r\\t\\\\\\\"\"]", "[\"\\U0041\"]",
        "[\"\\u0000\"]", "[\"x\\u0000y\"]", "{\"a\":\"x\\u0000y\"}", "[\"\u{e9}\u{1F600}\"]", "['']", "[\"\"]",
        "[\"unterminated]", "['mixed\"]", "[\"\\ud83d\\ude00\\ud83d\"]", "[\"\\uDBFF\\uDFFF\"]", "[\"\\uFFFF\"]",
        // literals
        "[true]", "[TRUE]", "[tRuE]", "[truex]", "[tru]", "[t]", "[True ]", "[false]", "[FALSE]", "[fals]",
        "[falsey]", "[f]", "[null]", "[NULL]", "[nul]", "[nulx]", "[n]", "[nan]", "[NaN]", "[nAnx]", "[na]",
        "[Infinity]", "[-Infinity]", "[infinity]", "[INFINITY]", "[Inf]", "[-inf]", "[-I]", "[Infinityx]",
        "[iNfInItY]", "[-Infinit]", "[tr ue]", "[nil]", "[none]", "[undefined]", "Infinity ", "NaN ",
        // numbers
        "[0]", "[-]", "[-0]", "[007]", "[1.]", "[-.5]", "[.5]", "[1e]", "[1e+]", "[1E-]", "[1.-]", "[1.+5]",
        "[1e5.3]", "[1e5e6]", "[--1]", "[1-2]", "[1x]", "[1I]", "[1i]", "[1/**/]", "[1 ]", "[1\t]", "[+1]",
        "[99999999999999999999]", "[-99999999999999999999]", "[9223372036854775807]", "[9223372036854775808]",
        "[18446744073709551615]", "[18446744073709551616]", "[-9223372036854775808]", "[-9223372036854775809]",
        "[1e400]", "[-1e400]", "[1e-400]", "[0.1]", "[-e5]", "[-e]", "[0e]", "[1.5e+10]", "[0x10]", "[1,-]",
        "[-,1]", "[1.2.3]", "[1e--5]", "[1e+-5]", "[1.e5]", "[-1.e-]", "[12345678901234567890.5]",
        "[4.9e-324]", "[2.2250738585072014e-308]", "[1.7976931348623157e308]", "[0.30000000000000004]", "-1 ",
        "-Infinity ", "- ", "-", "1e5 ", "1.5", "[1]x", "{\"n\":1.}", "{\"n\":-}", "{\"n\":1e}",
    ] + nesting

    /// Arrays and objects at and around json-c's depth limit of 32.
    static var nesting: [String] {
        var cases: [String] = []
        for depth in [30, 31, 32, 33, 40] {
            cases.append(String(repeating: "[", count: depth) + String(repeating: "]", count: depth))
            cases.append(String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth))
            cases.append(String(repeating: "{\"k\":", count: depth) + "{}" + String(repeating: "}", count: depth))
            cases.append(String(repeating: "[", count: depth) + " ]" + String(repeating: "]", count: depth - 1))
        }
        cases.append(String(repeating: "[", count: 10_000))
        return cases
    }

    /// The good configs, as bytes.
    static func goodConfigs() -> [(name: String, bytes: [UInt8])] {
        guard let directory = Bundle.module.url(forResource: "Configs", withExtension: nil)?.appendingPathComponent("good"),
              let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path)
        else { return [] }
        return names.sorted().compactMap { name in
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) else { return nil }
            return (name, Array(data))
        }
    }

    /// Bytes a mutation inserts: json-c's structural and literal characters, and bytes it must not choke on.
    static let alphabet: [UInt8] = Array("{}[],:\"'\\/*\n\t -+.0123456789eEtTfFnNiIaul".utf8) + [0x00, 0x0B, 0x0C, 0x80, 0xC3, 0xE9, 0xFF]

    /// Snippets a mutation splices in.
    static let snippets: [String] = [
        "//", "/*", "*/", "/**/", "\\u", "\\ud800", "\\udc00", "\\\"", "'", "\"", "1e", "-.", "NaN", "Infinity",
        "-Infinity", "true", "null", ",", ",}", ",]", "{\"a\":1,\"a\":2}", "\"a\":1,", "\n", "[[[[", "]]]]",
    ]

    /// Deterministic mutations: `count` variants of each good config from a fixed seed.
    static func mutations(count: Int, seed: UInt64 = 0x5EED_C0DE) -> [[UInt8]] {
        var random = SplitMix64(seed: seed)
        let bases = goodConfigs().map(\.bytes) + edgeCases.map { Array($0.utf8) }
        var result: [[UInt8]] = []
        for base in goodConfigs().map(\.bytes) {
            for _ in 0..<count {
                var bytes = base
                for _ in 0..<(1 + random.next(below: 3)) {
                    mutate(&bytes, &random, bases: bases)
                }
                result.append(bytes)
            }
        }
        return result
    }

    private static func mutate(_ bytes: inout [UInt8], _ random: inout SplitMix64, bases: [[UInt8]]) {
        let position = random.next(below: bytes.count + 1)
        switch random.next(below: 8) {
        case 0 where !bytes.isEmpty:
            bytes.remove(at: min(position, bytes.count - 1))
        case 1:
            bytes.insert(alphabet[random.next(below: alphabet.count)], at: position)
        case 2 where !bytes.isEmpty:
            bytes[min(position, bytes.count - 1)] = alphabet[random.next(below: alphabet.count)]
        case 3:
            bytes.removeSubrange(position...)
        case 4:
            let length = random.next(below: 40)
            let upper = min(bytes.count, position + length)
            bytes.insert(contentsOf: Array(bytes[position..<upper]), at: upper)
        case 5:
            bytes.insert(contentsOf: Array(snippets[random.next(below: snippets.count)].utf8), at: position)
        case 6:
            let other = bases[random.next(below: bases.count)]
            let from = random.next(below: other.count + 1)
            let upper = min(other.count, from + random.next(below: 60))
            bytes.insert(contentsOf: Array(other[from..<upper]), at: position)
        default:
            let length = random.next(below: 30)
            bytes.removeSubrange(position..<min(bytes.count, position + length))
        }
    }
}

/// A small, fixed PRNG, so the corpus is the same on every run and machine.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func next(below bound: Int) -> Int { bound <= 0 ? 0 : Int(next() % UInt64(bound)) }
}
