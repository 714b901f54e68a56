internal import CNESys

/// How full one buffer pool (one umem region) is.
public struct BufferPoolUsage: Sendable, Equatable {
    /// The umem the pool's buffers lie in.
    public let umem: String
    /// The region of the umem.
    public let region: Int
    /// Buffers in the pool.
    public let total: Int
    /// Buffers free: in the pool's ring or in a thread's cache.
    public let free: Int
    /// Buffers out: in ports' rings, in bursts and packets, or in flight.
    public var inUse: Int { total - free }
}

extension Instance {
    /// The usage of every buffer pool, in config order (umems, then regions). Empty once
    /// closed. When no packet is held and the ports are idle, the only buffers in use are the
    /// ones AF_XDP ports keep in their fill rings.
    public func poolUsage() -> [BufferPoolUsage] {
        lifetime.resources.withLock { r in
            var result: [BufferPoolUsage] = []
            guard !r.closed else { return result }
            var next = 0
            for umem in config.umems {
                for region in umem.regions.indices {
                    let pool = r.pools[next]
                    next += 1
                    result.append(BufferPoolUsage(
                        umem: umem.name, region: region, total: Int(pool.pointee.bufcnt),
                        free: Int(mempool_avail_count(pool.pointee.pd))))
                }
            }
            return result
        }
    }
}
