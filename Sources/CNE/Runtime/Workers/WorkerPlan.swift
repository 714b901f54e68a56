/// One worker the runtime starts: its name, its CPUs, the lports it receives from, and how it
/// waits when they are idle. Usually made from the config's `threads` section
/// (``plans(for:types:)``); build one in code for a config without threads.
public struct WorkerPlan: Sendable, Equatable {
    /// The thread's name, e.g. `fwd:0`.
    public var name: String
    /// The lcore group to pin to, or nil for no pinning.
    public var group: String?
    /// The names of the lports whose receive side the worker owns.
    public var lports: [String]
    /// What the worker does when its ports have nothing.
    public var idle: IdlePolicy

    /// A worker serving `lports`.
    public init(name: String, group: String? = nil, lports: [String], idle: IdlePolicy = IdlePolicy()) {
        self.name = name
        self.group = group
        self.lports = lports
        self.idle = idle
    }

    /// One plan per `threads` entry that serves lports (and whose type is in `types`, when
    /// given), pinned to its group, with its `idle_timeout` and `intr_timeout`; when the config
    /// has no such entry, one unpinned worker serving every lport.
    public static func plans(for config: CNEConfig, types: Set<String>? = nil) -> [WorkerPlan] {
        let serving = config.threads.filter { !$0.lports.isEmpty && (types?.contains($0.type) ?? true) }
        if serving.isEmpty {
            return [WorkerPlan(name: "worker:0", lports: config.lports.map(\.name), idle: IdlePolicy(config: nil, lports: config.lports))]
        }
        return serving.map { thread in
            let lports = config.lports.filter { thread.lports.contains($0.name) }
            return WorkerPlan(
                name: thread.name, group: thread.group, lports: thread.lports,
                idle: IdlePolicy(config: thread, lports: lports))
        }
    }
}

/// How a worker waits when a pass over its ports finds nothing.
///
/// After ``idleAfterMilliseconds`` without a packet the worker flushes its transmit queues
/// and sleeps in `poll(2)` on its sockets' descriptors (and the stop signal) for at most
/// ``waitMilliseconds``; a packet, or the stop, wakes it at once. A worker whose ports have
/// no descriptor (`net_null`) sleeps for the wait instead. With ``busyPoll`` (every lport
/// configured `busy_poll`) it never sleeps: the config asked for busy polling.
public struct IdlePolicy: Sendable, Equatable {
    /// Milliseconds without packets before sleeping (the thread's `idle_timeout`; 0 means
    /// at once).
    public var idleAfterMilliseconds: UInt32
    /// The longest sleep, in milliseconds (the thread's `intr_timeout`).
    public var waitMilliseconds: UInt32
    /// Never sleep: spin on the rings (the lports' `busy_poll`).
    public var busyPoll: Bool

    /// CNE's default wait when the config gives no `intr_timeout`.
    public static let defaultWaitMilliseconds: UInt32 = 100

    /// A policy; the defaults sleep as soon as a pass finds nothing, for up to 100 ms.
    public init(idleAfterMilliseconds: UInt32 = 0, waitMilliseconds: UInt32 = IdlePolicy.defaultWaitMilliseconds, busyPoll: Bool = false) {
        self.idleAfterMilliseconds = idleAfterMilliseconds
        self.waitMilliseconds = max(waitMilliseconds, 1)
        self.busyPoll = busyPoll
    }

    /// The policy a `threads` entry asks for, over its lports.
    init(config thread: CNEConfig.Thread?, lports: [CNEConfig.LPort]) {
        let wait = thread.map(\.intrTimeout).flatMap { $0 == 0 ? nil : $0 } ?? Self.defaultWaitMilliseconds
        self.init(
            idleAfterMilliseconds: thread?.idleTimeout ?? 0, waitMilliseconds: wait,
            busyPoll: !lports.isEmpty && lports.allSatisfy(\.busyPoll))
    }
}
