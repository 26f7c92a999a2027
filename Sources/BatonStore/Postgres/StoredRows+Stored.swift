import BatonCore

extension StoredRows.Derived {
    /// The figures as stored in a `workflows` row (times in microseconds since the epoch).
    init(
        stored workflowID: String, effectiveOpenedAt: Int64?, openedInferred: Bool, taskCount: Int,
        runningTasks: Int, tasksOutsideWindow: Int, aiTouched: Bool, pingPong: Bool, lead: Int64?, touch: Int64?,
        wait: Int64?, effort: Int64?, intake: Int64?, handoffWait: Int64?, closure: Int64?
    ) {
        workflow_id = workflowID
        effective_opened_at = effectiveOpenedAt.map { Timestamp(microseconds: $0).rfc3339 }
        opened_inferred = openedInferred
        task_count = taskCount
        running_tasks = runningTasks
        tasks_outside_window = tasksOutsideWindow
        ai_touched = aiTouched
        ping_pong = pingPong
        lead_us = lead
        touch_us = touch
        wait_us = wait
        effort_us = effort
        intake_us = intake
        handoff_wait_us = handoffWait
        closure_us = closure
    }
}
