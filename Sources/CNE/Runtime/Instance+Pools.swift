internal import CNESys

/// How full one buffer pool (one umem region) is.
public struct BufferPoolUsage: Sendable, Equatable {
    /// The umem the pool's buffers lie in.
    public let umem: String
    /// The region of the umem.
    public let region: Int
    /// Buffers in the pool.
    public let total: Int
    /// Buffers free: in the pool's ring or in a thread's cache (CNDP's
    /// `mempool_avail_count` counts the ring alone; see ``Instance/poolUsage()``).
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
                        free: Self.freeBuffers(in: pool)))
                }
            }
            return result
        }
    }

    /// The free buffers of `pool`: its ring and every thread's cache. CNDP's
    /// `mempool_avail_count` counts the ring only (`lib/core/mempool/mempool.c`), and so
    /// does the embedded core's, so the caches are added uid by uid with `mempool_cache_len`
    /// (-1 for a pool without caches). A snapshot while other threads use the pool.
    static func freeBuffers(in pool: UnsafeMutablePointer<pktmbuf_info_t>) -> Int {
        let mempool = pool.pointee.pd
        var free = Int(mempool_avail_count(mempool))
        if mempool_cache_sz(mempool) > 0 {
            for uid in 0..<cne_max_threads() {
                free += max(0, Int(mempool_cache_len(mempool, uid)))
            }
        }
        return min(free, Int(pool.pointee.bufcnt))
    }

    /// The buffers of `pool` that are out: held by ports, packets or bursts.
    static func buffersOut(of pool: UnsafeMutablePointer<pktmbuf_info_t>) -> Int {
        Int(pool.pointee.bufcnt) - freeBuffers(in: pool)
    }
}
