import CJSONC
@testable import CNE

/// A JSON value reduced to what both parsers must agree on, for comparing CNE with json-c.
indirect enum Probe: Equatable, CustomStringConvertible {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    /// The bit pattern, with every NaN the same.
    case double(UInt64)
    /// UTF-8, with invalid sequences repaired the way CNE's strings are.
    case string([UInt8])
    case array([Probe])
    case object([([UInt8], Probe)])

    static func == (lhs: Probe, rhs: Probe) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.uint(let a), .uint(let b)): return a == b
        case (.double(let a), .double(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    var description: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return "\(value)"
        case .int(let value): return "\(value)"
        case .uint(let value): return "\(value)u"
        case .double(let bits): return "\(Double(bitPattern: bits))"
        case .string(let bytes): return "\"\(String(decoding: bytes, as: UTF8.self))\""
        case .array(let elements): return "[" + elements.map(\.description).joined(separator: ",") + "]"
        case .object(let members):
            return "{" + members.map { "\"\(String(decoding: $0.0, as: UTF8.self))\":\($0.1)" }.joined(separator: ",") + "}"
        }
    }

    static func repaired(_ bytes: [UInt8]) -> [UInt8] { Array(String(decoding: bytes, as: UTF8.self).utf8) }

    static func double(_ value: Double) -> Probe { .double(value.isNaN ? Double.nan.bitPattern : value.bitPattern) }

    init(_ node: JSONCNode) {
        switch node.value {
        case .null: self = .null
        case .bool(let value): self = .bool(value)
        case .int(let value): self = .int(value)
        case .uint(let value): self = .uint(value)
        case .double(let value): self = Probe.double(value)
        case .string(let text): self = .string(Array(text.utf8))
        case .array(let elements): self = .array(elements.map(Probe.init))
        case .object(let members): self = .object(members.map { (Array($0.key.utf8), Probe($0.value)) })
        }
    }

    /// Reads a json-c object tree.
    init(jsonC object: OpaquePointer?) {
        guard let object else {
            self = .null
            return
        }
        switch json_object_get_type(object) {
        case json_type_boolean:
            self = .bool(json_object_get_boolean(object) != 0)
        case json_type_double:
            self = Probe.double(json_object_get_double(object))
        case json_type_int:
            let signed = json_object_get_int64(object)
            let unsigned = json_object_get_uint64(object)
            self = signed == .max && unsigned > UInt64(Int64.max) ? .uint(unsigned) : .int(signed)
        case json_type_string:
            let count = Int(json_object_get_string_len(object))
            if let characters = json_object_get_string(object) {
                self = .string(Probe.repaired((0..<count).map { UInt8(bitPattern: characters[$0]) }))
            } else {
                self = .string([])
            }
        case json_type_array:
            let count = json_object_array_length(object)
            self = .array((0..<count).map { Probe(jsonC: json_object_array_get_idx(object, $0)) })
        case json_type_object:
            var members: [([UInt8], Probe)] = []
            var iterator = json_object_iter_begin(object)
            var end = json_object_iter_end(object)
            while json_object_iter_equal(&iterator, &end) == 0 {
                var key: [UInt8] = []
                if let name = json_object_iter_peek_name(&iterator) {
                    var index = 0
                    while name[index] != 0 {
                        key.append(UInt8(bitPattern: name[index]))
                        index += 1
                    }
                }
                members.append((Probe.repaired(key), Probe(jsonC: json_object_iter_peek_value(&iterator))))
                json_object_iter_next(&iterator)
            }
            self = .object(members)
        default:
            self = .null
        }
    }
}

/// What jcfg's `jcfg_parse_json` loop gets from the real json-c (non-strict, default depth 32).
enum JsonCOutcome: Equatable, CustomStringConvertible {
    case accepted(Probe)
    case error(code: UInt32, offset: Int)
    case noDocument

    var description: String {
        switch self {
        case .accepted(let probe): return "accepted \(probe)"
        case .error(let code, let offset): return "error \(code) at \(offset)"
        case .noDocument: return "no document"
        }
    }

    /// Replays jcfg.c's loop against libjson-c.
    static func read(_ bytes: [UInt8]) -> JsonCOutcome {
        let text = bytes.prefix { $0 != 0 }.map { CChar(bitPattern: $0) }
        guard let tokener = json_tokener_new_ex(JSON_TOKENER_DEFAULT_DEPTH) else { return .noDocument }
        defer { json_tokener_free(tokener) }
        json_tokener_set_flags(tokener, 0)
        var root: OpaquePointer?
        defer { json_object_put(root) }
        var start = 0
        while start != text.count {
            let rest = Array(text[start...]) + [0]
            let object = json_tokener_parse_ex(tokener, rest, Int32(text.count - start))
            let error = json_tokener_get_error(tokener)
            let parseEnd = Int(json_tokener_get_parse_end(tokener))
            if error == json_tokener_continue {
                start += parseEnd
            } else if error == json_tokener_success {
                json_object_put(root)
                root = object
                start += parseEnd
            } else {
                return .error(code: error.rawValue, offset: start + parseEnd)
            }
            if parseEnd == 0 { return .noDocument }  // cannot happen; guards the loop
        }
        guard let root else { return .noDocument }
        return .accepted(Probe(jsonC: root))
    }
}

extension JcfgReading.Outcome {
    /// CNE's replay of jcfg, in the same terms as ``JsonCOutcome``.
    var probe: JsonCOutcome {
        switch self {
        case .accepted(let node): return .accepted(Probe(node))
        case .tokenerError(let code, let offset): return .error(code: UInt32(code.rawValue), offset: offset)
        case .noDocument: return .noDocument
        }
    }
}
