/// What the value report is computed from: closed tasks and workflows of one tenant and period,
/// gathered by set-based SQL, plus the friction aggregates SQL computes directly.
public struct ReportInput: Sendable {
    /// One finished task of a workflow opened in the period.
    public struct TaskObservation: Sendable, Hashable {
        public var taskType: String
        public var severity: String
        public var assistant: String?
        public var aiTouched: Bool
        public var durationMicroseconds: Int64
        public var startedAt: Timestamp

        public init(
            taskType: String, severity: String, assistant: String?, aiTouched: Bool, durationMicroseconds: Int64,
            startedAt: Timestamp
        ) {
            self.taskType = taskType
            self.severity = severity
            self.assistant = assistant
            self.aiTouched = aiTouched
            self.durationMicroseconds = durationMicroseconds
            self.startedAt = startedAt
        }
    }

    /// One closed workflow opened in the period, with its exact §2 figures (microseconds).
    public struct WorkflowObservation: Sendable, Hashable {
        public var category: String
        public var severity: String
        public var openedAt: Timestamp
        public var lead: Int64
        public var touch: Int64
        public var intake: Int64
        public var closure: Int64
        /// Handoff waits (excluding intake) summed per class `from-tool→to-tool`.
        public var classWaits: [String: Int64]
        public var aiTouched: Bool
        public var assistants: Set<String>
        /// Time spent in tasks of each type (for the Amdahl ceiling).
        public var taskTypeTime: [String: Int64]

        public var wait: Int64 { lead - touch }

        public init(
            category: String, severity: String, openedAt: Timestamp, lead: Int64, touch: Int64, intake: Int64,
            closure: Int64, classWaits: [String: Int64], aiTouched: Bool, assistants: Set<String>,
            taskTypeTime: [String: Int64]
        ) {
            self.category = category
            self.severity = severity
            self.openedAt = openedAt
            self.lead = lead
            self.touch = touch
            self.intake = intake
            self.closure = closure
            self.classWaits = classWaits
            self.aiTouched = aiTouched
            self.assistants = assistants
            self.taskTypeTime = taskTypeTime
        }
    }

    public var tenant: String
    public var from: Timestamp
    public var to: Timestamp
    public var tasks: [TaskObservation]
    public var workflows: [WorkflowObservation]
    public var openWorkflows: Int
    public var inferredOpenings: Int
    public var assistants: [AssistantMetadata]
    public var perceptions: [String: [ValueRating]]
    public var friction: ValueReport.Friction
    public var readiness: ValueReport.Readiness

    public init(
        tenant: String, from: Timestamp, to: Timestamp, tasks: [TaskObservation], workflows: [WorkflowObservation],
        openWorkflows: Int, inferredOpenings: Int, assistants: [AssistantMetadata],
        perceptions: [String: [ValueRating]], friction: ValueReport.Friction, readiness: ValueReport.Readiness
    ) {
        self.tenant = tenant
        self.from = from
        self.to = to
        self.tasks = tasks
        self.workflows = workflows
        self.openWorkflows = openWorkflows
        self.inferredOpenings = inferredOpenings
        self.assistants = assistants
        self.perceptions = perceptions
        self.friction = friction
        self.readiness = readiness
    }
}
