import BatonCore
import Foundation

extension TaskRecord {
    /// The columns every task read selects, in this order: task_id, task_type, stage, tool, actor,
    /// assistant, ai_mode, started_at and ended_at as epoch microseconds, context_from, and
    /// attributes as JSON text.
    typealias StoredRow = (String, String, String?, String, String?, String?, String, Int64, Int64?, String?, String?)

    /// A task as stored; the database's CHECK constraints guarantee the vocabularies.
    init(stored row: StoredRow, workflowID: String) {
        let (taskID, taskType, stage, tool, actor, assistant, aiMode, started, ended, contextFrom, attributes) = row
        let decoded = attributes.flatMap { try? JSONDecoder().decode([String: JSONValue].self, from: Data($0.utf8)) }
        self.init(
            id: taskID, workflowID: workflowID, taskType: taskType, stage: stage.flatMap(Stage.init(rawValue:)),
            tool: tool, actor: actor, assistant: assistant, aiMode: AIMode(rawValue: aiMode) ?? .none,
            startedAt: Timestamp(microseconds: started), endedAt: ended.map(Timestamp.init(microseconds:)),
            contextFrom: contextFrom, attributes: decoded)
    }
}
