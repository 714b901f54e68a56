// IPv6 text forms: parsing RFC 4291 2.2 (with `::` and a trailing dotted IPv4), printing the
// canonical form of RFC 5952.

extension IPv6Address: CustomStringConvertible {
    /// Parses any RFC 4291 text form: eight groups of 1 to 4 hex digits, at most one `::`
    /// for one or more zero groups, optionally ending in a dotted IPv4 address
    /// (`::ffff:192.0.2.1`). No zone (`%eth0`) or prefix (`/64`). Nil for anything else.
    public init?(_ text: some StringProtocol) {
        var groups: [UInt16] = []
        groups.reserveCapacity(8)
        var gap: Int? = nil  // index in `groups` where `::` stands
        let utf8 = Array(text.utf8)
        var i = 0
        if utf8.count >= 2 && utf8[0] == UInt8(ascii: ":") && utf8[1] == UInt8(ascii: ":") {
            gap = 0
            i = 2
        } else if utf8.first == UInt8(ascii: ":") {
            return nil
        }
        while i < utf8.count {
            // One group, or a dotted IPv4 address in the last 32 bits.
            var j = i
            var value: UInt32 = 0
            while j < utf8.count, let digit = hexDigit(utf8[j]) {
                value = value << 4 | UInt32(digit)
                j += 1
                if j - i > 4 { return nil }
            }
            if j < utf8.count && utf8[j] == UInt8(ascii: ".") {
                guard groups.count <= 6, let v4 = IPv4Address(String(decoding: utf8[i...], as: UTF8.self)) else {
                    return nil
                }
                groups.append(UInt16(v4.value >> 16))
                groups.append(UInt16(v4.value & 0xFFFF))
                i = utf8.count
                break
            }
            guard j > i else { return nil }
            groups.append(UInt16(value))
            guard groups.count <= 8 else { return nil }
            i = j
            if i == utf8.count { break }
            guard utf8[i] == UInt8(ascii: ":") else { return nil }
            i += 1
            if i < utf8.count && utf8[i] == UInt8(ascii: ":") {
                guard gap == nil else { return nil }
                gap = groups.count
                i += 1
            } else if i == utf8.count {
                return nil  // a trailing single colon
            }
        }
        if let gap {
            guard groups.count < 8 else { return nil }
            groups.insert(contentsOf: repeatElement(0, count: 8 - groups.count), at: gap)
        }
        guard groups.count == 8 else { return nil }
        self.init(groups[0], groups[1], groups[2], groups[3], groups[4], groups[5], groups[6], groups[7])
    }

    /// The RFC 5952 form: lower-case hex without leading zeros, the longest run of two or more
    /// zero groups (the first of equal runs) as `::`, and IPv4-mapped addresses as
    /// `::ffff:a.b.c.d`.
    public var description: String {
        if high == 0 && low >> 32 == 0xFFFF {
            return "::ffff:" + IPv4Address(UInt32(truncatingIfNeeded: low)).description
        }
        var bestStart = -1
        var bestLength = 1  // a single zero group is not shortened (RFC 5952 4.2.2)
        var runStart = -1
        for index in 0...8 {
            if index < 8 && group(index) == 0 {
                if runStart < 0 { runStart = index }
            } else if runStart >= 0 {
                if index - runStart > bestLength {
                    bestStart = runStart
                    bestLength = index - runStart
                }
                runStart = -1
            }
        }
        var text = ""
        var index = 0
        while index < 8 {
            if index == bestStart {
                text += "::"
                index += bestLength
                continue
            }
            if !text.isEmpty && !text.hasSuffix(":") { text += ":" }
            appendHex(group(index), width: 0, to: &text)
            index += 1
        }
        return text
    }
}
