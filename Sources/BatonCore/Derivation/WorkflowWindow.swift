/// What handoff derivation needs to know about a workflow itself.
public struct WorkflowWindow: Sendable, Hashable {
    /// `nil` when no workflow record has arrived yet; the earliest task start then stands in.
    public var openedAt: Timestamp?
    /// `nil` while the workflow is open.
    public var closedAt: Timestamp?

    public init(openedAt: Timestamp?, closedAt: Timestamp?) {
        self.openedAt = openedAt
        self.closedAt = closedAt
    }
}
