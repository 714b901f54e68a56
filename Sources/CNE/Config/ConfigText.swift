/// Text from a config file as messages show it: quoted, with quotes, backslashes and control
/// characters escaped, so a value holding an escape sequence or a newline cannot reach the
/// terminal raw or forge another line of output.
enum ConfigText {
    /// `"value"`, escaped: `\n`, `\t`, `\r`, `\"`, `\\`, other control characters (C0, DEL, C1) as `\u{XX}`.
    static func quoted(_ text: String) -> String { "\"" + escaped(text) + "\"" }

    /// The text with the escapes of ``quoted(_:)``, without the quotes.
    static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
