/// A first look at one assistant, for `baton demo`: its task speedup next to the change in
/// end-to-end lead time of the workflows it touched. Not the value report: no intervals, no
/// stratification; the value report (value-model §3–§4) replaces it.
public struct AssistantHeadline: Sendable, Hashable {
    public var assistant: String
    public var taskType: String
    public var aiTasks: Int
    public var baselineTasks: Int
    /// Median baseline duration over median AI duration for the task type.
    public var taskSpeedup: Double?
    /// Mean lead time of closed cases where it did the task type minus that of cases where people
    /// did it, in hours.
    public var leadTimeDifferenceHours: Double?
    public var touchedWorkflows: Int

    public init(
        assistant: String, taskType: String, aiTasks: Int, baselineTasks: Int, taskSpeedup: Double?,
        leadTimeDifferenceHours: Double?, touchedWorkflows: Int
    ) {
        self.assistant = assistant
        self.taskType = taskType
        self.aiTasks = aiTasks
        self.baselineTasks = baselineTasks
        self.taskSpeedup = taskSpeedup
        self.leadTimeDifferenceHours = leadTimeDifferenceHours
        self.touchedWorkflows = touchedWorkflows
    }
}
