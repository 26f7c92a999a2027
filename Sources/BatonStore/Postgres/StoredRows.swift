import BatonCore

/// Derived rows as `baton check` compares them: what the stored `workflows` figures are, against
/// what a recomputation from the stored tasks gives. (A `handoffs` row is read back as the
/// ``BatonCore/Handoff`` it stores, by ``HandoffColumns``, and compared as one.)
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
}
