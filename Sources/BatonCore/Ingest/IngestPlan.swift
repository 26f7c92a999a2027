/// A batch of valid records reduced to one record per id, so that it can be written set-wise.
///
/// Within a batch the last record for an id wins. An earlier record identical to the final one is
/// a duplicate; an earlier record with other content was applied and then superseded, so it
/// counts as accepted.
public struct IngestPlan: Sendable, Hashable {
    /// One record per workflow id, sorted by id (a stable lock and write order).
    public var workflows: [WorkflowRecord]
    /// One record per task id, sorted by id.
    public var tasks: [TaskRecord]
    /// Earlier copies identical to the final record of their id.
    public var duplicatesInBatch: Int
    /// Earlier records replaced by a later, different record of the same id.
    public var superseded: Int

    public init(_ records: [Record]) {
        var workflows: [String: WorkflowRecord] = [:]
        var tasks: [String: TaskRecord] = [:]
        var earlier: [Record] = []
        for record in records {
            switch record {
            case .workflow(let w):
                if let previous = workflows.updateValue(w, forKey: w.workflowID) {
                    earlier.append(.workflow(previous))
                }
            case .task(let t):
                if let previous = tasks.updateValue(t, forKey: t.id) { earlier.append(.task(previous)) }
            }
        }
        var duplicates = 0
        for record in earlier {
            let isSameAsFinal: Bool
            switch record {
            case .workflow(let w): isSameAsFinal = workflows[w.workflowID] == w
            case .task(let t): isSameAsFinal = tasks[t.id] == t
            }
            if isSameAsFinal { duplicates += 1 }
        }
        self.workflows = workflows.values.sorted { $0.workflowID < $1.workflowID }
        self.tasks = tasks.values.sorted { $0.id < $1.id }
        self.duplicatesInBatch = duplicates
        self.superseded = earlier.count - duplicates
    }
}
