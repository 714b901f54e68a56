import CNE

/// Which worker threads cne-fwd starts: one per `threads` entry of type `fwd` (its lports,
/// pinned to its lcore group), or, when the config has none, one unpinned worker for every port.
struct WorkerPlan: Sendable {
    /// The thread's name, `fwd:<id>`.
    let name: String
    /// The lcore group to pin to, or nil.
    let group: String?
    /// The indexes of the lports it serves.
    let portIndexes: [Int]

    /// Why a config's threads cannot be run.
    struct Problem: Error {
        let message: String
    }

    /// The plans for `config` (its references were validated when it was loaded).
    static func plans(for config: CNEConfig) throws(Problem) -> [WorkerPlan] {
        let fwdThreads = config.threads.filter { $0.type == "fwd" }
        if fwdThreads.isEmpty {
            return [WorkerPlan(name: "fwd:0", group: nil, portIndexes: Array(config.lports.indices))]
        }
        var plans: [WorkerPlan] = []
        for thread in fwdThreads {
            let indexes = thread.lports.compactMap { name in config.lports.firstIndex { $0.name == name } }
            guard !indexes.isEmpty else {
                throw Problem(message: "thread \"\(thread.name)\" serves no lport (give it \"lports\")")
            }
            plans.append(WorkerPlan(name: thread.name, group: thread.group, portIndexes: indexes))
        }
        return plans
    }
}
