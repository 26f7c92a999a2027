import BatonCore

/// The value report's task columns as they arrive, a chunk of workflows at a time, before the
/// workflow columns are known: the columns the input keeps (type and assistant coded into
/// `names`, the start still relative to the period, no severity yet) and each task's workflow
/// number. The decoded chunk is released as soon as it is appended.
struct ReportTaskStaging: Sendable {
    var names = ReportNames()
    /// `startedAt` holds microseconds from the start of the period; `severity` is empty;
    /// `duration` is -1 for a task that has not finished.
    var columns = ReportTaskColumns()
    var workflow: [Int32] = []
    /// The share of tasks that name a stage (`nil` without tasks).
    var staged: Double?

    var count: Int { workflow.count }

    /// Reserves room for every task of the statement, known from its first row, so the columns
    /// do not grow by doubling.
    mutating func reserveCapacity(_ tasks: Int) {
        columns.type.reserveCapacity(tasks)
        columns.assistant.reserveCapacity(tasks)
        columns.aiTouched.reserveCapacity(tasks)
        columns.duration.reserveCapacity(tasks)
        columns.startedAt.reserveCapacity(tasks)
        workflow.reserveCapacity(tasks)
    }

    mutating func append(
        workflows: [Int32], types: CodedTextArray, assistants: CodedTextArray, ai: [Bool], durations: [Int64],
        started: [Int64]
    ) {
        let typeCodes = types.recoded(into: &names)
        // The empty string stands for no assistant.
        let assistantCodes = assistants.strings.map { $0.isEmpty ? -1 : names.code($0) }
        workflow.append(contentsOf: workflows)
        columns.type.append(contentsOf: types.codes.lazy.map { typeCodes[Int($0)] })
        columns.assistant.append(contentsOf: assistants.codes.lazy.map { assistantCodes[Int($0)] })
        columns.aiTouched.append(contentsOf: ai)
        columns.duration.append(contentsOf: durations)
        columns.startedAt.append(contentsOf: started)
    }
}
