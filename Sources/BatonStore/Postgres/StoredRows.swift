import BatonCore

/// Derived rows as `baton check` compares them: what the stored `workflows` figures and
/// `handoffs` rows are, against what a recomputation from the stored tasks gives.
enum StoredRows {
    struct Derived: Equatable {
        var workflow_id: String
        var effective_opened_at: String?
        var opened_inferred: Bool
        var task_count: Int
        var running_tasks: Int
        var tasks_outside_window: Int
        var ai_touched: Bool
        var ping_pong: Bool
        var lead_us: Int64?
        var touch_us: Int64?
        var wait_us: Int64?
        var effort_us: Int64?
        var intake_us: Int64?
        var handoff_wait_us: Int64?
        var closure_us: Int64?

        init(workflowID: String, _ d: WorkflowDerivation) {
            workflow_id = workflowID
            effective_opened_at = d.effectiveOpenedAt?.rfc3339
            opened_inferred = d.openedAtInferred
            task_count = d.taskCount
            running_tasks = d.runningTasks
            tasks_outside_window = d.tasksOutsideWindow
            ai_touched = d.aiTouched
            ping_pong = d.pingPong
            lead_us = d.metrics?.lead
            touch_us = d.metrics?.touch
            wait_us = d.metrics?.wait
            effort_us = d.metrics?.effort
            intake_us = d.metrics?.intake
            handoff_wait_us = d.metrics?.handoffWait
            closure_us = d.metrics?.closure
        }
    }

    struct Handoff: Equatable {
        var workflow_id: String
        var to_task_id: String
        var seq: Int
        var kind: String
        var from_task_id: String?
        var wait_us: Int64
        var handed_at: String
        var from_tool: String?
        var to_tool: String
        var from_stage: String?
        var to_stage: String?
        var from_actor: String?
        var to_actor: String?
        var cross_tool: Bool
        var ai_boundary: Bool
        var context_carried: Bool
        var from_assistant: String?
        var from_ai_mode: String?
        var to_assistant: String?
        var to_ai_mode: String
        var producer_task_id: String?
        var lineage: String?
        var producer_assistant: String?
        var producer_ai_mode: String?
        var lineage_wait_us: Int64?
        var regathered: Bool
        var link_regathered: Bool
        var duplicate_us: Int64
        /// `side=microseconds;…` in stored order (`∅` for human work).
        var duplicates: String?

        init(workflowID: String, _ h: DerivedHandoff) {
            workflow_id = workflowID
            to_task_id = h.toTaskID
            seq = h.sequence
            kind = h.kind.rawValue
            from_task_id = h.fromTaskID
            wait_us = h.waitMicroseconds
            handed_at = h.handedAt.rfc3339
            from_tool = h.fromTool
            to_tool = h.toTool
            from_stage = h.fromStage?.rawValue
            to_stage = h.toStage?.rawValue
            from_actor = h.fromActor
            to_actor = h.toActor
            cross_tool = h.crossTool
            ai_boundary = h.aiBoundary
            context_carried = h.contextCarried
            let c = h.coordination
            from_assistant = c.fromAssistant
            from_ai_mode = c.fromAIMode?.rawValue
            to_assistant = c.toAssistant
            to_ai_mode = c.toAIMode.rawValue
            producer_task_id = c.producerTaskID
            lineage = c.lineage?.rawValue
            producer_assistant = c.producerAssistant
            producer_ai_mode = c.producerAIMode?.rawValue
            lineage_wait_us = c.lineageWaitMicroseconds
            regathered = c.regathered
            link_regathered = c.linkRegathered
            duplicate_us = c.duplicateMicroseconds
            let sides = c.duplicateSides
            duplicates =
                sides.isEmpty
                ? nil : sides.map { "\($0.side.assistant ?? "∅")=\($0.microseconds)" }.joined(separator: ";")
        }
    }
}
