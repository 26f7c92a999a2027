/// One record accepted by the collector.
public enum Record: Sendable, Hashable {
    case workflow(WorkflowRecord)
    case task(TaskRecord)

    /// The record's own identifier: the workflow id or the task id.
    public var id: String {
        switch self {
        case .workflow(let w): return w.workflowID
        case .task(let t): return t.id
        }
    }
}
