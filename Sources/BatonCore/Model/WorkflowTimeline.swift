/// One workflow as an analyst reads it: its record, derived figures, tasks and handoffs in time order.
public struct WorkflowTimeline: Sendable, Hashable {
    /// A handoff with every tag it has had, oldest first: the timeline lists the tag history,
    /// where the queue's ``QueuedHandoff`` keeps the current tag only.
    public struct TaggedHandoff: Sendable, Hashable {
        public var handoff: Handoff
        public var tags: [HandoffTag]
        public init(handoff: Handoff, tags: [HandoffTag]) {
            self.handoff = handoff
            self.tags = tags
        }
    }

    public var workflowID: String
    /// `false` when only tasks have arrived and the workflow record has not.
    public var reported: Bool
    public var openedAt: Timestamp?
    public var closedAt: Timestamp?
    public var severity: Severity?
    public var category: String?
    public var outcome: String?
    public var effectiveOpenedAt: Timestamp?
    public var openedAtInferred: Bool
    public var metrics: WorkflowMetrics?
    public var aiTouched: Bool
    public var pingPong: Bool
    /// All tasks, including any outside the window, in time order: (start, end, id).
    public var tasks: [TaskRecord]
    /// Handoffs in derivation order; the first is the intake.
    public var handoffs: [TaggedHandoff]

    public init(
        workflowID: String, reported: Bool, openedAt: Timestamp?, closedAt: Timestamp?,
        severity: Severity?,
        category: String?, outcome: String?, effectiveOpenedAt: Timestamp?, openedAtInferred: Bool,
        metrics: WorkflowMetrics?, aiTouched: Bool, pingPong: Bool, tasks: [TaskRecord],
        handoffs: [TaggedHandoff]
    ) {
        self.workflowID = workflowID
        self.reported = reported
        self.openedAt = openedAt
        self.closedAt = closedAt
        self.severity = severity
        self.category = category
        self.outcome = outcome
        self.effectiveOpenedAt = effectiveOpenedAt
        self.openedAtInferred = openedAtInferred
        self.metrics = metrics
        self.aiTouched = aiTouched
        self.pingPong = pingPong
        self.tasks = tasks
        self.handoffs = handoffs
    }
}
