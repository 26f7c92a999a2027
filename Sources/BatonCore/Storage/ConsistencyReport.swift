/// What `baton check` found: the stored derived data of a tenant next to a recomputation from
/// its stored tasks.
package struct ConsistencyReport: Sendable, Equatable {
    package var workflows = 0
    package var tasks = 0
    package var storedHandoffs = 0
    package var derivedHandoffs = 0
    /// Workflows whose stored figures or handoffs differ from the recomputation.
    package var inconsistentWorkflows = 0
    /// Tasks, handoffs or task keys not where migration 0010 places them (a task or handoff
    /// outside its workflow's opening month, a task key missing or naming another workflow).
    package var misplacedRows = 0
    /// Handoffs whose current tag (`current_tag_id`, `tag_reason`, `tagged_at`) is not their
    /// newest tag.
    package var staleCurrentTags = 0
    /// The first differences, one line each (at most the limit the check was given).
    package var differences: [String] = []

    package init() {}

    package var isConsistent: Bool { inconsistentWorkflows == 0 && misplacedRows == 0 && staleCurrentTags == 0 }

    /// Counts `found` in `counter` and keeps its first lines among the differences, up to `limit`.
    package mutating func record(
        _ found: [String], counting counter: WritableKeyPath<ConsistencyReport, Int>, limit: Int
    ) {
        self[keyPath: counter] += found.count
        differences += found.prefix(max(0, limit - differences.count))
    }
}
