import CNE

/// The buffer pools' usage, for the report an NF prints at stop: with every worker stopped,
/// the only buffers still out are those the drivers hold for receiving (an AF_XDP port's
/// fill ring, an AF_PACKET port's one-burst stash; none for net_null), so a leak shows here.
public enum PoolReport {
    /// One line per pool: `pool umem0/0: 2048 of 16384 buffers in use`.
    public static func lines(_ instance: Instance) -> [String] {
        instance.poolUsage().map { "pool \($0.umem)/\($0.region): \($0.inUse) of \($0.total) buffers in use" }
    }
}
