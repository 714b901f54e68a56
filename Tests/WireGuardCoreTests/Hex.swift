@testable import WireGuardCore

/// Test vectors are written in hex as the RFCs print them.
func hex(_ s: String) -> [UInt8] {
    let digits = Array(s.filter { !$0.isWhitespace }.utf8)
    precondition(digits.count % 2 == 0)
    func v(_ c: UInt8) -> UInt8 {
        switch c {
        case 48...57: return c - 48
        case 97...102: return c - 87
        case 65...70: return c - 55
        default: preconditionFailure("not hex")
        }
    }
    return stride(from: 0, to: digits.count, by: 2).map { v(digits[$0]) << 4 | v(digits[$0 + 1]) }
}

func key(_ s: String) -> Key32 { Key32(bytes: hex(s))! }
