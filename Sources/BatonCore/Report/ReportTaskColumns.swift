/// The finished tasks of a report input as columns, one entry per task, with the string fields
/// as codes into the input's ``ReportNames``: 33 bytes a task, where an observation takes 72 and
/// the builder used to copy observations for every assistant.
package struct ReportTaskColumns: Sendable {
    package var type: [Int32] = []
    /// The severity of the task's workflow.
    package var severity: [Int32] = []
    /// -1 when the task names no assistant.
    package var assistant: [Int32] = []
    package var aiTouched: [Bool] = []
    package var duration: [Int64] = []
    /// Microseconds since the epoch.
    package var startedAt: [Int64] = []
    /// The task's case, as a key equal for tasks of the same workflow: the bootstrap resamples
    /// cases, not tasks (value-model §4.5), so a case's tasks move together.
    package var workflow: [Int32] = []

    package init() {}

    package var count: Int { duration.count }

    package mutating func reserveCapacity(_ n: Int) {
        type.reserveCapacity(n)
        severity.reserveCapacity(n)
        assistant.reserveCapacity(n)
        aiTouched.reserveCapacity(n)
        duration.reserveCapacity(n)
        startedAt.reserveCapacity(n)
        workflow.reserveCapacity(n)
    }

    package mutating func append(
        type: Int32, severity: Int32, assistant: Int32, aiTouched: Bool, duration: Int64, startedAt: Int64,
        workflow: Int32
    ) {
        self.type.append(type)
        self.severity.append(severity)
        self.assistant.append(assistant)
        self.aiTouched.append(aiTouched)
        self.duration.append(duration)
        self.startedAt.append(startedAt)
        self.workflow.append(workflow)
    }
}
