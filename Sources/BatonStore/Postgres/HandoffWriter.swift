import BatonCore
import Foundation
import Logging
import PostgresNIO

/// Writes value-model §2 back for workflows whose inputs changed: their figures and handoffs,
/// derived by BatonCore's ``HandoffDerivation`` from the stored tasks. Shared by ingest, by the
/// derivation of workflows a migration left pending, and (``derive(_:months:tenant:session:)``)
/// by `baton check`, so all three derive the same way.
enum HandoffWriter {
    /// Re-derives value-model §2 for the given workflows from their stored tasks and writes the
    /// workflow figures and handoffs back. Cost is proportional to these workflows, never to history.
    ///
    /// Handoffs are updated in place, not deleted and re-inserted, so that tags (which reference a
    /// handoff by workflow and to-task) survive while their handoff exists.
    ///
    /// `fresh` are workflows ingest has just inserted with their figures; only their handoffs are
    /// written here, in the same statement as the recomputed ones.
    ///
    /// `rowMonths` is the month partition each workflow's stored rows are in now (migration 0010).
    /// A workflow whose derived opening falls in another month has its tasks and handoffs moved
    /// there first; its tags follow their handoffs. Returns the months whose rows it changed (for
    /// the rollups, see ``PostgresIngestRepository/markRollupsDirty(_:tenant:session:)``).
    @discardableResult
    static func recomputeHandoffs(
        of workflowIDs: Set<String>, adding fresh: [(workflowID: String, derivation: WorkflowDerivation)] = [],
        rowMonths: [String: Timestamp], tenant: String, session: inout SQLSession
    ) async throws -> Set<Timestamp> {
        guard !workflowIDs.isEmpty || !fresh.isEmpty else { return [] }
        let ids = workflowIDs.sorted()
        let derived =
            ids.isEmpty
            ? [] : try await derive(ids, months: ids.map { rowMonths[$0] }, tenant: tenant, session: &session)
        var newMonths = rowMonths
        for (workflowID, derivation) in derived {
            newMonths[workflowID] = derivation.effectiveOpenedAt?.utcMonthStart ?? rowMonths[workflowID]
        }
        let moving = derived.map(\.workflowID).filter { id in
            guard let from = rowMonths[id], let to = newMonths[id] else { return false }
            return from != to
        }
        if !moving.isEmpty {
            try await MonthPartitions.require(moving.compactMap { newMonths[$0] }, session: &session)
            let from = ArrayBind.timestamptz(moving.map { rowMonths[$0] })
            let to = ArrayBind.timestamptz(moving.map { newMonths[$0] })
            for table in ["tasks", "handoffs"] {
                try await session.query(
                    """
                    UPDATE \(unescaped: table) AS t SET opened_month = baton_month(k.to_month)
                    FROM unnest(\(ArrayBind.text(moving)), \(from), \(to)) AS k(id, from_month, to_month)
                    WHERE t.tenant_id = \(tenant) AND t.workflow_id = k.id AND t.opened_month = baton_month(k.from_month)
                    """
                ).drain()
            }
        }
        if !derived.isEmpty {
            let metrics = derived.map(\.derivation.metrics)
            try await session.query(
                """
                UPDATE workflows AS w SET
                    effective_opened_at = r.effective_opened_at, opened_inferred = r.opened_inferred,
                    task_count = r.task_count, running_tasks = r.running_tasks, tasks_outside_window = r.tasks_outside_window,
                    ai_touched = r.ai_touched, ping_pong = r.ping_pong, lead_us = r.lead_us, touch_us = r.touch_us,
                    wait_us = r.wait_us, effort_us = r.effort_us, intake_us = r.intake_us,
                    handoff_wait_us = r.handoff_wait_us, closure_us = r.closure_us, coordination_pending = false
                FROM unnest(\(ArrayBind.text(derived.map(\.workflowID))),
                            \(ArrayBind.timestamptz(derived.map(\.derivation.effectiveOpenedAt))),
                            \(ArrayBind.bool(derived.map(\.derivation.openedAtInferred))),
                            \(ArrayBind.int4(derived.map(\.derivation.taskCount))),
                            \(ArrayBind.int4(derived.map(\.derivation.runningTasks))),
                            \(ArrayBind.int4(derived.map(\.derivation.tasksOutsideWindow))),
                            \(ArrayBind.bool(derived.map(\.derivation.aiTouched))),
                            \(ArrayBind.bool(derived.map(\.derivation.pingPong))),
                            \(ArrayBind.int8(metrics.map { $0?.lead })), \(ArrayBind.int8(metrics.map { $0?.touch })),
                            \(ArrayBind.int8(metrics.map { $0?.wait })), \(ArrayBind.int8(metrics.map { $0?.effort })),
                            \(ArrayBind.int8(metrics.map { $0?.intake })), \(ArrayBind.int8(metrics.map { $0?.handoffWait })),
                            \(ArrayBind.int8(metrics.map { $0?.closure })))
                    AS r(workflow_id, effective_opened_at, opened_inferred, task_count, running_tasks, tasks_outside_window,
                         ai_touched, ping_pong, lead_us, touch_us, wait_us, effort_us, intake_us, handoff_wait_us, closure_us)
                -- Each row found by an index probe and updated by its ctid (see `currentWorkflows`).
                JOIN LATERAL (
                    SELECT ctid AS row_ctid FROM workflows WHERE tenant_id = \(tenant) AND workflow_id = r.workflow_id OFFSET 0
                ) AS found ON true
                WHERE w.ctid = found.row_ctid
                """
            ).drain()
        }

        var owners: [String] = []
        var ownerMonths: [Timestamp?] = []
        var handoffs: [Handoff] = []
        for (workflowID, derivation) in derived + fresh {
            owners += repeatElement(workflowID, count: derivation.handoffs.count)
            ownerMonths += repeatElement(newMonths[workflowID], count: derivation.handoffs.count)
            handoffs += derivation.handoffs
        }
        let owner = ArrayBind.text(owners)
        let toTask = ArrayBind.text(handoffs.map(\.toTaskID))
        // Handoffs of the recomputed workflows that no longer exist: found by index probes per
        // workflow, deleted by ctid. (New workflows have none stored.)
        if !ids.isEmpty {
            let keep = derived.flatMap { d in d.derivation.handoffs.map { d.workflowID + "\u{1F}" + $0.toTaskID } }
            try await session.query(
                """
                DELETE FROM handoffs AS d
                USING (
                    SELECT h.workflow_id, h.to_task_id, h.opened_month
                    FROM unnest(\(ids)::text[], \(ArrayBind.timestamptz(ids.map { newMonths[$0] }))) AS k(id, month)
                    JOIN LATERAL (
                        SELECT workflow_id, to_task_id, opened_month FROM handoffs
                        WHERE tenant_id = \(tenant) AND workflow_id = k.id AND opened_month = baton_month(k.month)
                        OFFSET 0
                    ) AS h ON true
                    WHERE NOT (h.workflow_id || chr(31) || h.to_task_id = ANY(\(keep)::text[]))
                ) AS stale
                WHERE d.tenant_id = \(tenant) AND d.workflow_id = stale.workflow_id AND d.to_task_id = stale.to_task_id
                  AND d.opened_month = stale.opened_month
                """
            ).drain()
        }
        var touched = Set((ids + fresh.map(\.workflowID)).compactMap { newMonths[$0] })
        touched.formUnion(moving.compactMap { rowMonths[$0] })
        guard !handoffs.isEmpty else { return touched }
        let c = handoffs.map(\.coordination)
        let duplicates = try ArrayBind.jsonb(
            c.map { c in
                let sides = c.duplicateSides
                return sides.isEmpty
                    ? nil
                    : JSONValue.array(
                        sides.map {
                            .array([$0.side.assistant.map(JSONValue.string) ?? .null, .number(Double($0.microseconds))])
                        })
            })
        try await session.query(
            """
            INSERT INTO handoffs AS h (tenant_id, workflow_id, to_task_id, seq, kind, from_task_id, wait_us,
                handed_at, from_tool, to_tool, from_stage, to_stage, from_actor, to_actor, cross_tool,
                ai_boundary, context_carried, opened_month, from_assistant, from_ai_mode, to_assistant, to_ai_mode,
                producer_task_id, lineage, producer_assistant, producer_ai_mode, lineage_wait_us, regathered,
                link_regathered, duplicate_us, duplicates)
            SELECT \(tenant), r.workflow_id, r.to_task_id, r.seq, r.kind, r.from_task_id, r.wait_us, r.handed_at,
                   r.from_tool, r.to_tool, r.from_stage, r.to_stage, r.from_actor, r.to_actor, r.cross_tool,
                   r.ai_boundary, r.context_carried, baton_month(r.month), r.from_assistant, r.from_ai_mode,
                   r.to_assistant, r.to_ai_mode, r.producer_task_id, r.lineage, r.producer_assistant,
                   r.producer_ai_mode, r.lineage_wait_us, r.regathered, r.link_regathered, r.duplicate_us,
                   r.duplicates
            FROM unnest(\(owner), \(toTask), \(ArrayBind.int4(handoffs.map(\.sequence))),
                        \(ArrayBind.text(handoffs.map(\.kind.rawValue))), \(ArrayBind.text(handoffs.map(\.fromTaskID))),
                        \(ArrayBind.int8(handoffs.map(\.waitMicroseconds))),
                        \(ArrayBind.timestamptz(handoffs.map(\.handedAt))), \(ArrayBind.text(handoffs.map(\.fromTool))),
                        \(ArrayBind.text(handoffs.map(\.toTool))), \(ArrayBind.text(handoffs.map(\.fromStage?.rawValue))),
                        \(ArrayBind.text(handoffs.map(\.toStage?.rawValue))), \(ArrayBind.text(handoffs.map(\.fromActor))),
                        \(ArrayBind.text(handoffs.map(\.toActor))), \(ArrayBind.bool(handoffs.map(\.crossTool))),
                        \(ArrayBind.bool(handoffs.map(\.aiBoundary))), \(ArrayBind.bool(handoffs.map(\.contextCarried))),
                        \(ArrayBind.timestamptz(ownerMonths)), \(ArrayBind.text(c.map(\.fromAssistant))),
                        \(ArrayBind.text(c.map(\.fromAIMode?.rawValue))), \(ArrayBind.text(c.map(\.toAssistant))),
                        \(ArrayBind.text(c.map(\.toAIMode.rawValue))), \(ArrayBind.text(c.map(\.producerTaskID))),
                        \(ArrayBind.text(c.map(\.lineage?.rawValue))), \(ArrayBind.text(c.map(\.producerAssistant))),
                        \(ArrayBind.text(c.map(\.producerAIMode?.rawValue))),
                        \(ArrayBind.int8(c.map(\.lineageWaitMicroseconds))), \(ArrayBind.bool(c.map(\.regathered))),
                        \(ArrayBind.bool(c.map(\.linkRegathered))), \(ArrayBind.int8(c.map(\.duplicateMicroseconds))),
                        \(duplicates))
                AS r(workflow_id, to_task_id, seq, kind, from_task_id, wait_us, handed_at, from_tool, to_tool,
                     from_stage, to_stage, from_actor, to_actor, cross_tool, ai_boundary, context_carried, month,
                     from_assistant, from_ai_mode, to_assistant, to_ai_mode, producer_task_id, lineage,
                     producer_assistant, producer_ai_mode, lineage_wait_us, regathered, link_regathered, duplicate_us,
                     duplicates)
            ORDER BY r.workflow_id, r.to_task_id
            ON CONFLICT (tenant_id, workflow_id, to_task_id, opened_month) DO UPDATE SET
                seq = excluded.seq, kind = excluded.kind, from_task_id = excluded.from_task_id,
                wait_us = excluded.wait_us, handed_at = excluded.handed_at, from_tool = excluded.from_tool,
                to_tool = excluded.to_tool, from_stage = excluded.from_stage, to_stage = excluded.to_stage,
                from_actor = excluded.from_actor, to_actor = excluded.to_actor, cross_tool = excluded.cross_tool,
                ai_boundary = excluded.ai_boundary, context_carried = excluded.context_carried,
                from_assistant = excluded.from_assistant, from_ai_mode = excluded.from_ai_mode,
                to_assistant = excluded.to_assistant, to_ai_mode = excluded.to_ai_mode,
                producer_task_id = excluded.producer_task_id, lineage = excluded.lineage,
                producer_assistant = excluded.producer_assistant, producer_ai_mode = excluded.producer_ai_mode,
                lineage_wait_us = excluded.lineage_wait_us, regathered = excluded.regathered,
                link_regathered = excluded.link_regathered, duplicate_us = excluded.duplicate_us,
                duplicates = excluded.duplicates
            """
        ).drain()
        return touched
    }

    /// Value-model §2 for the given workflows, derived from their stored windows and tasks with
    /// BatonCore's ``HandoffDerivation`` (what ingest writes back, and what `baton check` compares).
    ///
    /// `months`, one per id, names the partition each workflow's tasks are in, so each is read
    /// from that month only; without it (`baton check`) every month is searched.
    static func derive(
        _ ids: [String], months: [Timestamp?]? = nil, tenant: String, session: inout SQLSession
    ) async throws -> [(workflowID: String, derivation: WorkflowDerivation)] {
        let windows = try await session.query(
            """
            SELECT workflow_id,
                   (extract(epoch FROM opened_at) * 1000000)::int8,
                   (extract(epoch FROM closed_at) * 1000000)::int8
            FROM unnest(\(ids)::text[]) AS k(id)
            JOIN LATERAL (
                SELECT workflow_id, opened_at, closed_at FROM workflows
                WHERE tenant_id = \(tenant) AND workflow_id = k.id OFFSET 0
            ) AS w ON true
            """
        ).collect(as: (String, Int64?, Int64?).self)
        let taskRows = try await session.query(
            """
            SELECT workflow_id, task_id,
                   (extract(epoch FROM started_at) * 1000000)::int8,
                   (extract(epoch FROM ended_at) * 1000000)::int8,
                   tool, stage, actor, ai_mode, context_from, assistant, task_type
            FROM unnest(\(ids)::text[], \(ArrayBind.timestamptz(months ?? ids.map { _ in nil }))) AS k(id, month)
            JOIN LATERAL (
                SELECT workflow_id, task_id, started_at, ended_at, tool, stage, actor, ai_mode, context_from, assistant,
                       task_type
                FROM tasks
                WHERE tenant_id = \(tenant) AND workflow_id = k.id
                  \(unescaped: months == nil ? "" : "AND opened_month = baton_month(k.month)")
                OFFSET 0
            ) AS t ON true
            """
        ).collect(as: (String, String, Int64, Int64?, String, String?, String?, String, String?, String?, String).self)

        var tasksByWorkflow: [String: [DerivationTask]] = [:]
        for (workflowID, taskID, started, ended, tool, stage, actor, aiMode, contextFrom, assistant, taskType)
            in taskRows
        {
            tasksByWorkflow[workflowID, default: []].append(
                DerivationTask(
                    id: taskID, startedAt: Timestamp(microseconds: started),
                    endedAt: ended.map(Timestamp.init(microseconds:)), tool: tool,
                    stage: stage.flatMap(Stage.init(rawValue:)), actor: actor,
                    aiMode: AIMode(rawValue: aiMode) ?? .none, contextFrom: contextFrom, assistant: assistant,
                    taskType: taskType))
        }

        return windows.map { workflowID, opened, closed in
            let derivation = HandoffDerivation.derive(
                window: WorkflowWindow(
                    openedAt: opened.map(Timestamp.init(microseconds:)),
                    closedAt: closed.map(Timestamp.init(microseconds:))),
                tasks: tasksByWorkflow[workflowID] ?? [])
            return (workflowID, derivation)
        }
    }

    /// Takes transaction-scoped advisory locks on workflows, always in the same (key) order so
    /// that concurrent batches cannot deadlock on them.
    static func lockWorkflows(
        _ workflowIDs: Set<String>, tenant: String, session: inout SQLSession
    ) async throws {
        guard !workflowIDs.isEmpty else { return }
        let ids = Array(workflowIDs)
        try await session.query(
            """
            SELECT pg_advisory_xact_lock(k) FROM (
                SELECT DISTINCT hashtextextended(\(tenant) || chr(31) || id, 0) AS k
                FROM unnest(\(ids)::text[]) AS id ORDER BY k
            ) AS keys
            """
        ).drain()
    }
}
