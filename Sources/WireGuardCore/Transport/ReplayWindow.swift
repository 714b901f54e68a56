/// The receiver's anti-replay window (RFC 6479's bitmap, as the WireGuard kernel module keeps
/// it): 2048 bits in 32 words, of which the newest 1984 counters (2048 - 64) are always tracked.
/// A counter is accepted once; older than the window, reused, or at the reject limit: refused.
struct ReplayWindow {
    static let bitsTotal = 2048
    static let wordBits = 64
    static let words = bitsTotal / wordBits
    /// Counters this far behind the newest are still judged exactly.
    static let windowSize = UInt64(bitsTotal - wordBits)

    /// One more than the largest counter accepted so far.
    private(set) var next: UInt64 = 0
    private var bitmap = [UInt64](repeating: 0, count: words)

    /// Accepts `counter` (marking it seen) or refuses it. Call only after the packet authenticated.
    mutating func accept(_ counter: UInt64) -> Bool {
        guard next < Timing.rejectAfterMessages + 1, counter < Timing.rejectAfterMessages else { return false }
        let theirs = counter + 1
        if Self.windowSize + theirs < next { return false }
        let index = theirs >> 6
        if theirs > next {
            let current = next >> 6
            let top = min(index - current, UInt64(Self.words))
            if top > 0 {
                for i in 1...top { bitmap[Int((i + current) & UInt64(Self.words - 1))] = 0 }
            }
            next = theirs
        }
        let word = Int(index & UInt64(Self.words - 1))
        let bit = UInt64(1) << (theirs & 63)
        if bitmap[word] & bit != 0 { return false }
        bitmap[word] |= bit
        return true
    }
}
