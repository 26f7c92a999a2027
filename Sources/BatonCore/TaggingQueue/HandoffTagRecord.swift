/// A tag to put on a handoff, identified by its workflow and to-task.
public struct HandoffTagRecord: Sendable, Hashable {
    public var workflowID: String
    public var toTaskID: String
    public var reason: HandoffReason
    public var note: String?

    public init(workflowID: String, toTaskID: String, reason: HandoffReason, note: String?) {
        self.workflowID = workflowID
        self.toTaskID = toTaskID
        self.reason = reason
        self.note = note
    }
}
