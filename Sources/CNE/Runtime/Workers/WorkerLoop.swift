#if canImport(Glibc)
import Glibc
#endif

/// A worker's packet loop: receive on each owned queue, hand the burst to the processor,
/// and, when a pass finds nothing for long enough, sleep on the sockets' descriptors and the
/// stop event instead of spinning.
struct WorkerLoop {
    let policy: IdlePolicy
    let burstSize: Int
    let wakeup: StopEvent
    /// The receive descriptors and the stop event, for `poll(2)`; just the stop event when a
    /// port has no descriptor (then the worker sleeps the whole wait).
    private var waitSet: [pollfd]
    private var canWaitForPackets: Bool

    init(policy: IdlePolicy, burstSize: Int, wakeup: StopEvent, queues: borrowing ReceiveQueues) {
        self.policy = policy
        self.burstSize = burstSize
        self.wakeup = wakeup
        let descriptors = queues.ports.compactMap(\.receiveDescriptor)
        canWaitForPackets = descriptors.count == queues.ports.count
        waitSet = (canWaitForPackets ? descriptors : []).map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        waitSet.append(pollfd(fd: wakeup.descriptor, events: Int16(POLLIN), revents: 0))
    }

    mutating func run<P: PacketProcessor & ~Copyable>(
        _ processor: inout P, queues: borrowing ReceiveQueues, worker: borrowing Worker
    ) throws(CNEError) {
        var burst = PacketBurst(capacity: burstSize)
        var idleSince: UInt64? = nil
        let ports = queues.ports
        while !wakeup.isRaised {
            worker.stats.addPass()
            var handled = try processor.poll(worker: worker)
            for index in ports.indices {
                let n = try queues.receive(from: index, into: &burst, on: worker.thread)
                if n == 0 { continue }
                handled += n
                worker.stats.add(received: n)
                try processor.process(&burst, from: ports[index], worker: worker)
                if !burst.isEmpty { worker.drop(&burst) }
            }
            if handled > 0 || policy.busyPoll {
                idleSince = nil
                continue
            }
            let now = Self.milliseconds()
            let since = idleSince ?? now
            idleSince = since
            guard now &- since >= UInt64(policy.idleAfterMilliseconds) else { continue }
            // Copy-mode AF_XDP may still hold frames of the last bursts: push them out first.
            for port in worker.ports { port.flush(on: worker.thread) }
            worker.stats.addIdleWait()
            _ = poll(&waitSet, nfds_t(waitSet.count), Int32(clamping: policy.waitMilliseconds))
        }
    }

    /// The monotonic clock in milliseconds: read only on passes that found nothing.
    static func milliseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) &* 1000 &+ UInt64(ts.tv_nsec) / 1_000_000
    }
}
