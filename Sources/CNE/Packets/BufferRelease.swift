public import CNESys

/// Returns packet buffers to their pool from any thread.
///
/// A pool's free path indexes the freeing thread's buffer cache by `cne_id()`, which in CNDP
/// asserts that the thread is registered (`lib/core/mempool/mempool.c`,
/// `mempool_default_cache`). A ``Packet`` or ``PacketBurst`` can be dropped anywhere: after
/// its scope, on another thread, at exit. A registered thread frees directly; any other
/// takes a registration for the free and gives it back at once. The buffers then sit in
/// that uid's cache (CNDP keeps a cache across registrations; the embedded core hands it
/// back to the ring), which ``Instance/poolUsage()`` counts as free.
@usableFromInline
enum BufferRelease {
    /// Frees one buffer.
    @inlinable
    static func free(_ mbuf: OpaquePointer) {
        if cne_check_registration() != 0 {
            pktmbuf_free(mbuf)
        } else {
            whileRegistered { pktmbuf_free(mbuf) }
        }
    }

    /// Frees `count` buffers from `slots` (none may be nil).
    @inlinable
    static func free(_ slots: UnsafeMutablePointer<OpaquePointer?>, count: Int) {
        guard count > 0 else { return }
        if cne_check_registration() != 0 {
            pktmbuf_free_bulk(slots, UInt32(count))
        } else {
            whileRegistered { pktmbuf_free_bulk(slots, UInt32(count)) }
        }
    }

    /// Runs `body` with the calling (unregistered) thread registered for its duration. When
    /// every uid is taken the buffers are not freed (they stay out of the pool) rather than
    /// freed unsafely.
    @usableFromInline
    static func whileRegistered(_ body: () -> Void) {
        let id = CoreRegistry.register("cne-free")
        guard id >= 0 else { return }
        body()
        CoreRegistry.unregister(id)
    }
}
