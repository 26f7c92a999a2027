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
    /// The assistant named on the task (it is the task's side only when `aiMode` is not `none`).
    public var assistant: String?
    /// Read for value-model §8: a `context-regathering` task marks a re-gather.
    public var taskType: String?

    public init(
        id: String, startedAt: Timestamp, endedAt: Timestamp?, tool: String, stage: Stage? = nil,
        actor: String? = nil, aiMode: AIMode = .none, contextFrom: String? = nil, assistant: String? = nil,
        taskType: String? = nil
    ) {
        self.id = id
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.tool = tool
        self.stage = stage
        self.actor = actor
        self.aiMode = aiMode
        self.contextFrom = contextFrom
        self.assistant = assistant
        self.taskType = taskType
    }

    public init(_ record: TaskRecord) {
        self.init(
            id: record.id, startedAt: record.startedAt, endedAt: record.endedAt, tool: record.tool,
            stage: record.stage, actor: record.actor, aiMode: record.aiMode,
            contextFrom: record.contextFrom, assistant: record.assistant, taskType: record.taskType)
    }
}
