/// One row of the tagging queue: a handoff with its workflow and its current tag. It contains the
/// ``Handoff`` rather than copying its fields; what it adds is the workflow the handoff belongs to
/// (a ``Handoff`` is read within its workflow and does not name it) and the tag history's summary.
public struct QueuedHandoff: Sendable, Hashable {
    public var workflowID: String
    public var handoff: Handoff
    /// The latest tag (retagging keeps the older ones as history), and how many tags it has had.
    public var tag: CurrentTag?
    public var tagCount: Int

    public struct CurrentTag: Sendable, Hashable {
        public var reason: HandoffReason
        public var note: String?
        public var taggedBy: String?
        public var taggedAt: Timestamp

        public init(reason: HandoffReason, note: String?, taggedBy: String?, taggedAt: Timestamp) {
            self.reason = reason
            self.note = note
            self.taggedBy = taggedBy
            self.taggedAt = taggedAt
        }
    }

    public init(workflowID: String, handoff: Handoff, tag: CurrentTag?, tagCount: Int) {
        self.workflowID = workflowID
        self.handoff = handoff
        self.tag = tag
        self.tagCount = tagCount
    }

    /// The row's id: the task the case was handed to (task ids are unique within a tenant).
    public var id: String { handoff.toTaskID }

    /// Where the next page starts if this row ends the current one.
    public var cursor: HandoffCursor {
        HandoffCursor(waitMicroseconds: handoff.waitMicroseconds, workflowID: workflowID, toTaskID: id)
    }
}
