import BatonCore

/// JSON shapes handed to PostgreSQL's `jsonb_to_recordset`, which turns a whole batch into rows
/// in one bind (nullable columns included, which array binds do not carry).
enum StoredRows {
    struct Workflow: Encodable {
        var workflow_id: String
        var opened_at: String
        var closed_at: String?
        var severity: String?
        var category: String?
        var outcome: String?

        init(_ r: WorkflowRecord) {
            workflow_id = r.workflowID
            opened_at = r.openedAt.rfc3339
            closed_at = r.closedAt?.rfc3339
            severity = r.severity?.rawValue
            category = r.category
            outcome = r.outcome
        }
    }

    struct Task: Encodable {
        var task_id: String
        var workflow_id: String
        var task_type: String
        var stage: String?
        var tool: String
        var actor: String?
        var assistant: String?
        var ai_mode: String
        var started_at: String
        var ended_at: String?
        var context_from: String?
        var attributes: JSONValue?

        init(_ r: TaskRecord) {
            task_id = r.id
            workflow_id = r.workflowID
            task_type = r.taskType
            stage = r.stage?.rawValue
            tool = r.tool
            actor = r.actor
            assistant = r.assistant
            ai_mode = r.aiMode.rawValue
            started_at = r.startedAt.rfc3339
            ended_at = r.endedAt?.rfc3339
            context_from = r.contextFrom
            attributes = r.attributes.map(JSONValue.object)
        }
    }

    struct Derived: Encodable, Equatable {
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
            task_count = d.handoffs.count + d.tasksOutsideWindow
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

    struct Handoff: Encodable, Equatable {
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
        }
    }
}
