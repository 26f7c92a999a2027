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

extension StoredRows.Handoff {
    /// A `handoffs` row as stored (`handed_at` in microseconds since the epoch).
    init(
        stored workflowID: String, toTaskID: String, seq: Int, kind: String, fromTaskID: String?, wait: Int64,
        handedAt: Int64, fromTool: String?, toTool: String, fromStage: String?, toStage: String?,
        fromActor: String?, toActor: String?, crossTool: Bool, aiBoundary: Bool, contextCarried: Bool,
        coordination c: StoredRows.Coordination
    ) {
        workflow_id = workflowID
        to_task_id = toTaskID
        self.seq = seq
        self.kind = kind
        from_task_id = fromTaskID
        wait_us = wait
        handed_at = Timestamp(microseconds: handedAt).rfc3339
        from_tool = fromTool
        to_tool = toTool
        from_stage = fromStage
        to_stage = toStage
        from_actor = fromActor
        to_actor = toActor
        cross_tool = crossTool
        ai_boundary = aiBoundary
        context_carried = contextCarried
        from_assistant = c.0
        from_ai_mode = c.1
        to_assistant = c.2
        to_ai_mode = c.3
        producer_task_id = c.4
        lineage = c.5
        producer_assistant = c.6
        producer_ai_mode = c.7
        lineage_wait_us = c.8
        regathered = c.9
        link_regathered = c.10
        duplicate_us = c.11
        duplicates = c.12
    }
}

extension StoredRows {
    /// The coordination columns of a stored `handoffs` row (migration 0012), in table order, with
    /// `duplicates` as ``StoredRows/Handoff/duplicates`` writes it.
    typealias Coordination = (
        String?, String?, String?, String, String?, String?, String?, String?, Int64?, Bool, Bool, Int64, String?
    )

    /// The select list that reads ``Coordination`` from a row of `handoffs`.
    static let coordinationColumns = """
        from_assistant, from_ai_mode, to_assistant, to_ai_mode, producer_task_id, lineage, producer_assistant,
        producer_ai_mode, lineage_wait_us, regathered, link_regathered, duplicate_us,
        (SELECT string_agg(COALESCE(e.value ->> 0, '∅') || '=' || (e.value ->> 1), ';' ORDER BY e.ordinality)
         FROM jsonb_array_elements(duplicates) WITH ORDINALITY AS e)
        """
}
