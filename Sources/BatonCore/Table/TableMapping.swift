/// How the rows of a case-tool export (CSV or JSON lines) become Baton's workflow and task
/// records (`Docs/import.md`). A mapping file is JSON with snake_case keys.
///
/// A row gives a workflow (`workflow`), a task (`task`), or both; with `statuses`, a row (a case
/// with its changelog) gives its workflow and one task per stretch of work.
public struct TableMapping: Sendable, Hashable, Codable {
    public enum Format: String, Sendable, Hashable, Codable {
        case csv, jsonl
    }

    /// The workflow fields of a row.
    public struct Workflow: Sendable, Hashable, Codable {
        public var id: TableFieldSource
        public var openedAt: TableFieldSource
        public var closedAt: TableFieldSource?
        public var severity: TableFieldSource?
        public var category: TableFieldSource?
        public var outcome: TableFieldSource?
        /// Values `open` (the case is open whatever its closing time says), `closed` (it must have
        /// one) or `skip` (the row is not a case to measure, such as a duplicate).
        public var status: TableFieldSource?

        public init(
            id: TableFieldSource, openedAt: TableFieldSource, closedAt: TableFieldSource? = nil,
            severity: TableFieldSource? = nil, category: TableFieldSource? = nil, outcome: TableFieldSource? = nil,
            status: TableFieldSource? = nil
        ) {
            self.id = id
            self.openedAt = openedAt
            self.closedAt = closedAt
            self.severity = severity
            self.category = category
            self.outcome = outcome
            self.status = status
        }
    }

    /// The task fields of a row.
    public struct Task: Sendable, Hashable, Codable {
        public var id: TableFieldSource
        public var workflowID: TableFieldSource
        public var taskType: TableFieldSource
        public var stage: TableFieldSource?
        public var tool: TableFieldSource
        public var actor: TableFieldSource?
        public var startedAt: TableFieldSource
        public var endedAt: TableFieldSource?
        public var contextFrom: TableFieldSource?
        /// Values `running` (no end yet, whatever the end column says), `done` (it must have an
        /// end) or `skip` (not work: waiting to start, cancelled).
        public var status: TableFieldSource?

        public init(
            id: TableFieldSource, workflowID: TableFieldSource, taskType: TableFieldSource,
            stage: TableFieldSource? = nil, tool: TableFieldSource, actor: TableFieldSource? = nil,
            startedAt: TableFieldSource, endedAt: TableFieldSource? = nil, contextFrom: TableFieldSource? = nil,
            status: TableFieldSource? = nil
        ) {
            self.id = id
            self.workflowID = workflowID
            self.taskType = taskType
            self.stage = stage
            self.tool = tool
            self.actor = actor
            self.startedAt = startedAt
            self.endedAt = endedAt
            self.contextFrom = contextFrom
            self.status = status
        }

        private enum CodingKeys: String, CodingKey {
            case id, workflowID = "workflowId", taskType, stage, tool, actor, startedAt, endedAt, contextFrom, status
        }
    }

    /// Where a row's tags are: a JSON array, or a CSV cell split at `separator` (default `,`).
    public struct Tags: Sendable, Hashable, Codable {
        public var column: String
        public var separator: String?

        public init(column: String, separator: String? = nil) {
            self.column = column
            self.separator = separator
        }
    }

    /// `csv` or `jsonl`; without it, a file whose first non-blank byte is `{` is JSON lines.
    public var format: Format?
    /// CSV only: the field separator, one ASCII character (default `,`).
    public var delimiter: String?
    /// The instants' format, for every time field without a format of its own (default RFC 3339).
    public var timestamps: TimestampFormat?
    public var tags: Tags?
    public var workflow: Workflow?
    public var task: Task?
    public var statuses: TableStatusRules?
    public var assistants: [AssistantRule]?

    public init(
        format: Format? = nil, delimiter: String? = nil, timestamps: TimestampFormat? = nil, tags: Tags? = nil,
        workflow: Workflow? = nil, task: Task? = nil, statuses: TableStatusRules? = nil,
        assistants: [AssistantRule]? = nil
    ) {
        self.format = format
        self.delimiter = delimiter
        self.timestamps = timestamps
        self.tags = tags
        self.workflow = workflow
        self.task = task
        self.statuses = statuses
        self.assistants = assistants
    }
}
