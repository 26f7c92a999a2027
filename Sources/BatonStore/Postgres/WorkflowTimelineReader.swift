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
            SELECT seq, kind, from_task_id, to_task_id, wait_us, (extract(epoch FROM handed_at) * 1000000)::int8,
                   from_tool, to_tool, from_stage, to_stage, from_actor, to_actor,
                   cross_tool, ai_boundary, context_carried, from_assistant, from_ai_mode, to_assistant, to_ai_mode,
                   producer_task_id, lineage, producer_assistant, producer_ai_mode, lineage_wait_us, regathered,
                   link_regathered, duplicate_us, duplicates::text
            FROM handoffs WHERE tenant_id = \(tenant) AND workflow_id = \(id) ORDER BY seq
            """, logger: logger
        ).collect(
            as: (
                Int, String, String?, String, Int64, Int64, String?, String, String?, String?, String?,
                String?, Bool, Bool, Bool, String?, String?, String?, String, String?, String?, String?, String?,
                Int64?, Bool, Bool, Int64, String?
            ).self
        ).map { row in
            let (seq, kind, from, to, waitUS, handedAt, fromTool, toTool, fromStage, toStage) =
                (row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7, row.8, row.9)
            let derived = DerivedHandoff(
                sequence: seq, kind: DerivedHandoff.Kind(rawValue: kind) ?? .handoff, fromTaskID: from,
                toTaskID: to,
                waitMicroseconds: waitUS, handedAt: Timestamp(microseconds: handedAt), fromTool: fromTool,
                toTool: toTool, fromStage: fromStage.flatMap(Stage.init(rawValue:)),
                toStage: toStage.flatMap(Stage.init(rawValue:)), fromActor: row.10, toActor: row.11,
                crossTool: row.12, aiBoundary: row.13, contextCarried: row.14,
                coordination: HandoffCoordination(
                    fromAssistant: row.15, fromAIMode: row.16.flatMap(AIMode.init(rawValue:)), toAssistant: row.17,
                    toAIMode: AIMode(rawValue: row.18) ?? .none, producerTaskID: row.19,
                    lineage: row.20.flatMap(LineageStatus.init(rawValue:)), producerAssistant: row.21,
                    producerAIMode: row.22.flatMap(AIMode.init(rawValue:)), lineageWaitMicroseconds: row.23,
                    regathered: row.24, linkRegathered: row.25, duplicateMicroseconds: row.26,
                    duplicates: Self.duplicates(row.27)))
            return WorkflowTimeline.Handoff(derived: derived, tags: tagsByTask[to] ?? [])
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

    /// The stored `duplicates` column (`[[side, microseconds], …]`, side `null` for human work)
    /// as the derivation's dictionary.
    static func duplicates(_ text: String?) -> [CoordinationSide: Int64] {
        guard let text, let pairs = try? JSONDecoder().decode([[JSONValue]].self, from: Data(text.utf8)) else {
            return [:]
        }
        var result: [CoordinationSide: Int64] = [:]
        for pair in pairs where pair.count == 2 {
            guard case .number(let us) = pair[1] else { continue }
            if case .string(let name) = pair[0] {
                result[CoordinationSide(assistant: name)] = Int64(us)
            } else {
                result[.human] = Int64(us)
            }
        }
        return result
    }
}
