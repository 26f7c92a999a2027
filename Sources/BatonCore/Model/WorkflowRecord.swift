/// A validated `workflow` record: one case, incident or alert (value-model §1).
public struct WorkflowRecord: Sendable, Hashable {
    public var workflowID: String
    public var openedAt: Timestamp
    public var closedAt: Timestamp?
    public var severity: Severity?
    public var category: String?
    public var outcome: String?

    public init(
        workflowID: String, openedAt: Timestamp, closedAt: Timestamp? = nil, severity: Severity? = nil,
        category: String? = nil, outcome: String? = nil
    ) {
        self.workflowID = workflowID
        self.openedAt = openedAt
        self.closedAt = closedAt
        self.severity = severity
        self.category = category
        self.outcome = outcome
    }
}
