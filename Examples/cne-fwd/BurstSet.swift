import CNE

/// One output burst per port, for a forwarder that spreads a received burst over ports.
/// (An `Array` cannot hold non-copyable bursts, so this owns a small buffer of them.)
struct BurstSet: ~Copyable {
    private let bursts: UnsafeMutablePointer<PacketBurst>
    /// The number of bursts: one per port index.
    let count: Int

    /// `count` empty bursts of `capacity` packets each.
    init(count: Int, capacity: Int) {
        self.count = count
        bursts = .allocate(capacity: max(count, 1))
        for i in 0..<count { (bursts + i).initialize(to: PacketBurst(capacity: capacity)) }
    }

    deinit {
        bursts.deinitialize(count: count)
        bursts.deallocate()
    }

    /// The burst for port `index`.
    subscript(index: Int) -> PacketBurst {
        unsafeAddress { UnsafePointer(bursts + index) }
        unsafeMutableAddress { bursts + index }
    }
}
