import BatonCore
import Foundation
import Logging
import PostgresNIO

/// One workflow as its page shows it: the workflow, its tasks, its handoffs and their tags.
enum WorkflowTimelineReader {
    static func timeline(
        id: String, tenant: String, on connection: PostgresConnection, logger: Logger
    ) async throws -> WorkflowTimeline? {
        let workflows = try await connection.query(
            """
            SELECT reported,
                   (extract(epoch FROM opened_at) * 1000000)::int8, (extract(epoch FROM closed_at) * 1000000)::int8,
                   severity, category, outcome, (extract(epoch FROM effective_opened_at) * 1000000)::int8,
                   opened_inferred, ai_touched, ping_pong,
                   lead_us, touch_us, wait_us, effort_us, intake_us, handoff_wait_us, closure_us
            FROM workflows WHERE tenant_id = \(tenant) AND workflow_id = \(id)
            """, logger: logger
        ).collect(
            as: (
                Bool, Int64?, Int64?, String?, String?, String?, Int64?, Bool, Bool, Bool, Int64?, Int64?,
                Int64?,
                Int64?, Int64?, Int64?, Int64?
            ).self)
        guard
            let (
                reported, opened, closed, severity, category, outcome, effective, inferred, aiTouched,
                pingPong,
                lead, touch, wait, effort, intake, handoffWait, closure
            ) = workflows.first
        else { return nil }

        let tasks = try await connection.query(
            """
            SELECT t.task_id, t.task_type, t.stage, t.tool, t.actor, t.assistant, t.ai_mode,
                   (extract(epoch FROM t.started_at) * 1000000)::int8, (extract(epoch FROM t.ended_at) * 1000000)::int8,
                   t.context_from, t.attributes::text
            FROM tasks AS t
            WHERE t.tenant_id = \(tenant) AND t.workflow_id = \(id)
            ORDER BY t.started_at, t.ended_at NULLS LAST, t.task_id
            """, logger: logger
        ).collect(as: TaskRecord.StoredRow.self)
            .map { TaskRecord(stored: $0, workflowID: id) }

        var tagsByTask: [String: [HandoffTag]] = [:]
        for (taskID, reason, note, taggedAt) in try await connection.query(
            """
            SELECT to_task_id, reason, note, (extract(epoch FROM tagged_at) * 1000000)::int8
            FROM handoff_tags WHERE tenant_id = \(tenant) AND workflow_id = \(id) ORDER BY tagged_at, tag_id
            """, logger: logger
        ).collect(as: (String, String, String?, Int64).self) {
            guard let reason = HandoffReason(rawValue: reason) else { continue }
            tagsByTask[taskID, default: []].append(
                HandoffTag(reason: reason, note: note, taggedAt: Timestamp(microseconds: taggedAt)))
        }

        let handoffs = try await connection.query(
            """
            SELECT \(unescaped: HandoffColumns.select)
            FROM handoffs AS h WHERE h.tenant_id = \(tenant) AND h.workflow_id = \(id) ORDER BY h.seq
            """, logger: logger
        ).collect().map { row in
            let handoff = try HandoffColumns.handoff(row.makeRandomAccess(), from: 0)
            return WorkflowTimeline.TaggedHandoff(handoff: handoff, tags: tagsByTask[handoff.toTaskID] ?? [])
        }

        var metrics: WorkflowMetrics?
        if let lead, let touch, let wait, let effort, let intake, let handoffWait, let closure {
            metrics = WorkflowMetrics(
                lead: lead, touch: touch, wait: wait, effort: effort, intake: intake,
                handoffWait: handoffWait,
                closure: closure)
        }
        return WorkflowTimeline(
            workflowID: id, reported: reported, openedAt: opened.map(Timestamp.init(microseconds:)),
            closedAt: closed.map(Timestamp.init(microseconds:)),
            severity: severity.flatMap(Severity.init(rawValue:)),
            category: category, outcome: outcome,
            effectiveOpenedAt: effective.map(Timestamp.init(microseconds:)),
            openedAtInferred: inferred, metrics: metrics, aiTouched: aiTouched, pingPong: pingPong,
            tasks: tasks,
            handoffs: handoffs)
    }
}
