/// A validated `task` record: one stretch of work by one actor in one tool (value-model §1).
public struct TaskRecord: Sendable, Hashable {
    public var id: String
    public var workflowID: String
    public var taskType: String
    public var stage: Stage?
    public var tool: String
    public var actor: String?
    public var assistant: String?
    public var aiMode: AIMode
    public var startedAt: Timestamp
    public var endedAt: Timestamp?
    public var contextFrom: String?
    /// Free attributes (such as GenAI token counts): a flat object of numbers, strings and booleans.
    public var attributes: [String: JSONValue]?

    public init(
        id: String, workflowID: String, taskType: String, stage: Stage? = nil, tool: String,
        actor: String? = nil, assistant: String? = nil, aiMode: AIMode = .none, startedAt: Timestamp,
        endedAt: Timestamp? = nil, contextFrom: String? = nil, attributes: [String: JSONValue]? = nil
    ) {
        self.id = id
        self.workflowID = workflowID
        self.taskType = taskType
        self.stage = stage
        self.tool = tool
        self.actor = actor
        self.assistant = assistant
        self.aiMode = aiMode
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.contextFrom = contextFrom
        self.attributes = attributes
    }
}
