internal import CNESys
import Synchronization

/// The core's thread registry (`cne_register` / `cne_unregister`), one caller at a time.
///
/// CNDP 25.08 allocates the uid under a lock but links and unlinks its registry entries
/// (`lib/core/cne/cne.c`, `__create_entry` and `cne_unregister`) without one, so two threads
/// registering at once can corrupt the list. Every registration CNE makes, a scope's or the
/// short one a free on an unregistered thread takes, goes through here.
enum CoreRegistry {
    private static let lock = TracedMutex(())

    /// Registers the calling thread. - Returns: its uid, or -1 when every uid is taken.
    static func register(_ name: String) -> Int32 {
        lock.withLock { _ in cne_register(name) }
    }

    /// Ends the calling thread's registration `id`.
    @discardableResult
    static func unregister(_ id: Int32) -> Int32 {
        lock.withLock { _ in cne_unregister(id) }
    }
}
