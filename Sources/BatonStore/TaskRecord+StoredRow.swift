import BatonCore

extension TaskRecord {
    /// The columns every task read selects, in this order: task_id, task_type, stage, tool, actor,
    /// assistant, ai_mode, started_at and ended_at as epoch microseconds, context_from.
    typealias StoredRow = (String, String, String?, String, String?, String?, String, Int64, Int64?, String?)

    /// A task as stored; the database's CHECK constraints guarantee the vocabularies.
    init(stored row: StoredRow, workflowID: String) {
        let (taskID, taskType, stage, tool, actor, assistant, aiMode, started, ended, contextFrom) = row
        self.init(
            id: taskID, workflowID: workflowID, taskType: taskType, stage: stage.flatMap(Stage.init(rawValue:)),
            tool: tool, actor: actor, assistant: assistant, aiMode: AIMode(rawValue: aiMode) ?? .none,
            startedAt: Timestamp(microseconds: started), endedAt: ended.map(Timestamp.init(microseconds:)),
            contextFrom: contextFrom)
    }
}
