import CNE

/// The buffer pools' usage at stop, printed before the instance closes: with every worker
/// stopped and every burst dropped, the only buffers still out are those the drivers hold
/// for receiving (an AF_XDP port's fill ring, an AF_PACKET port's one-burst stash; none for
/// net_null), so a leak shows here.
public enum PoolReport {
    /// Prints one line per pool: `pool umem0/0: 2048 of 16384 buffers in use`.
    public static func print(_ instance: Instance) {
        for pool in instance.poolUsage() {
            Swift.print("pool \(pool.umem)/\(pool.region): \(pool.inUse) of \(pool.total) buffers in use")
        }
    }
}
