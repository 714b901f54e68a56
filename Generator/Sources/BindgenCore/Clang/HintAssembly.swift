/// Inline assembly that cannot change what a C program computes: an `asm` statement whose
/// template is only hint instructions, which never fault and write no register or memory the
/// program sees (a prefetch, a spin-wait hint, a fence), and which has no output operands
/// (CNDP's `cne_prefetch0`: `asm volatile("prefetcht0 %[p]" : : [p] "m"(*(volatile char *)p))`).
/// `MacroCallSafety` lets a macro that reaches one be called on scratch memory; its input
/// expressions are checked there like any others.
///
/// It is read from the statement's tokens, which libclang gives exactly as written: anything
/// not recognised (a template from a macro, an escape, a directive such as `.byte`, a register
/// clobber, `asm goto`) is not a hint.
enum HintAssembly {
    /// Hint mnemonics, each with whether it takes operands (a prefetch's address, a barrier's
    /// domain: `dmb ish`). x86: prefetches and the fences never fault (a prefetch of any
    /// address is dropped, not trapped); aarch64 likewise for `prfm`.
    static let mnemonics: [String: Bool] = [
        "prefetch": true, "prefetcht0": true, "prefetcht1": true, "prefetcht2": true, "prefetchnta": true, "prefetchw": true,
        "pause": false, "nop": false, "lfence": false, "mfence": false, "sfence": false,
        "prfm": true, "yield": false, "isb": true, "dmb": true, "dsb": true,
    ]
    /// The only clobber allowed: a compiler barrier, which constrains the compiler, not the program.
    static let clobbers: Set<String> = ["\"memory\""]
    private static let keywords: Set<String> = ["asm", "__asm", "__asm__"]
    private static let qualifiers: Set<String> = ["volatile", "__volatile", "__volatile__", "inline", "__inline", "__inline__"]
    /// What an operand of a hint may be spelled with: `%[p]`, `%a0`, `0(%1)`, `pldl1keep, [%0]`, `ish`.
    private static let operandCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_%[](),.+- ")

    /// True when `tokens` (an asm statement's, as written) are a hint statement: `asm`, its
    /// qualifiers, a template of string literals holding only hint instructions, no outputs,
    /// any inputs, `"memory"` as the only clobber, and no labels.
    static func isHint(_ tokens: [MacroToken]) -> Bool {
        var t = tokens[...]
        if t.last?.spelling == ";" { t.removeLast() }
        guard let first = t.popFirst(), keywords.contains(first.spelling) else { return false }
        while let q = t.first, qualifiers.contains(q.spelling) { t.removeFirst() }
        guard t.popFirst()?.spelling == "(", t.popLast()?.spelling == ")" else { return false }
        var template: String?
        while let literal = t.first, literal.kind == .literal, let text = stringContents(literal.spelling) {
            template = (template ?? "") + text
            t.removeFirst()
        }
        guard let template, isHintTemplate(template) else { return false }
        // The rest is `: outputs : inputs : clobbers` (each part optional from the end).
        guard let sections = sections(t), sections.count <= 4, sections[0].isEmpty else { return false }
        if sections.count > 1, !sections[1].isEmpty { return false }
        if sections.count > 3, !sections[3].allSatisfy({ $0.spelling == "," || clobbers.contains($0.spelling) }) { return false }
        return true
    }

    /// The parts of `tokens` between top-level colons (`::` counts as two, as C23 lexes it);
    /// nil when brackets do not balance.
    private static func sections(_ tokens: ArraySlice<MacroToken>) -> [[MacroToken]]? {
        var parts: [[MacroToken]] = [[]]
        var depth = 0
        for token in tokens {
            switch token.spelling {
            case ":" where depth == 0: parts.append([])
            case "::" where depth == 0: parts += [[], []]
            case "(", "[", "{":
                depth += 1
                parts[parts.count - 1].append(token)
            case ")", "]", "}":
                depth -= 1
                guard depth >= 0 else { return nil }
                parts[parts.count - 1].append(token)
            default: parts[parts.count - 1].append(token)
            }
        }
        return depth == 0 ? parts : nil
    }

    /// The text of a plain string literal, with `\n` and `\t` as the separators they are in
    /// a template; nil for a prefixed literal or any other escape.
    private static func stringContents(_ spelling: String) -> String? {
        guard spelling.count >= 2, spelling.hasPrefix("\""), spelling.hasSuffix("\"") else { return nil }
        var result = ""
        var escaped = false
        for c in spelling.dropFirst().dropLast() {
            if escaped {
                guard c == "n" || c == "t" else { return nil }
                result.append(c == "n" ? "\n" : "\t")
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else {
                result.append(c)
            }
        }
        return escaped ? nil : result
    }

    /// True when each instruction of `template` (separated by `;` or newlines) is a hint; an
    /// empty template is none at all.
    private static func isHintTemplate(_ template: String) -> Bool {
        for instruction in template.split(whereSeparator: { $0 == ";" || $0 == "\n" }) {
            let words = instruction.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let mnemonic = words.first else { continue }
            guard let takesOperands = mnemonics[mnemonic.lowercased()] else { return false }
            let operands = words.dropFirst().joined(separator: " ")
            if !operands.isEmpty, !takesOperands || !operands.allSatisfy(operandCharacters.contains) { return false }
        }
        return true
    }
}
