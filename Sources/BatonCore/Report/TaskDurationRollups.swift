/// The task duration rollups of one tenant over a range of days (the `task_duration_bins` and
/// `task_type_totals` tables, Docs/performance.md "Rollups"), merged over the days: what the
/// report needs to estimate task speedups without reading tasks (value-model §10).
package struct TaskDurationRollups: Sendable, Hashable {
    /// What a rollup is kept per: the task's type, AI mode and assistant, and its workflow's severity.
    package struct Key: Sendable, Hashable {
        package var taskType: String
        package var aiMode: String
        /// `nil` for tasks without an assistant.
        package var assistant: String?
        /// The workflow's severity, `unknown` when it has none.
        package var severity: String

        package init(taskType: String, aiMode: String, assistant: String?, severity: String) {
            self.taskType = taskType
            self.aiMode = aiMode
            self.assistant = assistant
            self.severity = severity
        }
    }

    /// The ended tasks' durations per key; every rollup holds at least one task.
    package var entries: [Key: DurationRollup]
    /// Per task type, over every AI mode, assistant and severity: the ended tasks, and the
    /// workflows holding one. Equal numbers mean no case holds two ended tasks of the type, so
    /// drawing tasks from the bins is the rows' bootstrap over cases (Docs/metrics.md).
    package var typeTasks: [String: Int64]
    package var typeWorkflows: [String: Int64]
    /// Whether the rollups include every task visible in the snapshot they were read in: no month
    /// the range touches had rows changed since its last rollup. When false, read the rows.
    package var fresh: Bool

    package init(
        entries: [Key: DurationRollup] = [:], typeTasks: [String: Int64] = [:], typeWorkflows: [String: Int64] = [:],
        fresh: Bool
    ) {
        self.entries = entries
        self.typeTasks = typeTasks
        self.typeWorkflows = typeWorkflows
        self.fresh = fresh
    }
}
