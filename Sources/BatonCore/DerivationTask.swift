/// What handoff derivation needs to know about one task of a workflow.
public struct DerivationTask: Sendable, Hashable {
    public var id: String
    public var startedAt: Timestamp
    /// `nil` while the task is still running.
    public var endedAt: Timestamp?
    public var tool: String
    public var stage: Stage?
    public var actor: String?
    public var aiMode: AIMode
    public var contextFrom: String?

    public init(
        id: String, startedAt: Timestamp, endedAt: Timestamp?, tool: String, stage: Stage? = nil,
        actor: String? = nil, aiMode: AIMode = .none, contextFrom: String? = nil
    ) {
        self.id = id
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.tool = tool
        self.stage = stage
        self.actor = actor
        self.aiMode = aiMode
        self.contextFrom = contextFrom
    }

    public init(_ record: TaskRecord) {
        self.init(
            id: record.id, startedAt: record.startedAt, endedAt: record.endedAt, tool: record.tool,
            stage: record.stage, actor: record.actor, aiMode: record.aiMode,
            contextFrom: record.contextFrom)
    }
}
