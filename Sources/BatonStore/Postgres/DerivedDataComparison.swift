import BatonCore
import Logging
import PostgresNIO

/// One page of `baton check`: a tenant's stored figures, handoffs, placement and current tags
/// next to a recomputation from its stored tasks (``PostgresMaintenance/checkDerivedData(tenant:pageSize:differenceLimit:logger:)``).
enum DerivedDataComparison {
    /// Compares the workflows `ids` and adds what differs to `report` (at most `limit` lines).
    static func compare(
        _ ids: [String], tenant: String, limit: Int, report: inout ConsistencyReport, session: inout SQLSession
    ) async throws {
        let figures = try await session.query(
            """
            SELECT workflow_id, (extract(epoch FROM effective_opened_at) * 1000000)::int8, opened_inferred,
                   task_count::int8, running_tasks::int8, tasks_outside_window::int8, ai_touched, ping_pong,
                   lead_us, touch_us, wait_us, effort_us, intake_us, handoff_wait_us, closure_us
            FROM workflows WHERE tenant_id = \(tenant) AND workflow_id = ANY(\(ids)::text[])
            """
        ).collect(
            as: (
                String, Int64?, Bool, Int, Int, Int, Bool, Bool, Int64?, Int64?, Int64?, Int64?, Int64?, Int64?,
                Int64?
            ).self)
        var storedFigures: [String: StoredRows.Derived] = [:]
        for row in figures {
            storedFigures[row.0] = StoredRows.Derived(
                stored: row.0, effectiveOpenedAt: row.1, openedInferred: row.2, taskCount: row.3,
                runningTasks: row.4, tasksOutsideWindow: row.5, aiTouched: row.6, pingPong: row.7, lead: row.8,
                touch: row.9, wait: row.10, effort: row.11, intake: row.12, handoffWait: row.13, closure: row.14)
        }
        let handoffs = try await session.query(
            """
            SELECT h.workflow_id, \(unescaped: HandoffColumns.select)
            FROM handoffs AS h WHERE h.tenant_id = \(tenant) AND h.workflow_id = ANY(\(ids)::text[])
            """
        ).collect()
        var storedHandoffs: [String: [String: Handoff]] = [:]
        for row in handoffs {
            let r = row.makeRandomAccess()
            let handoff = try HandoffColumns.handoff(r, from: 1)
            storedHandoffs[try r[0].decode(String.self), default: [:]][handoff.toTaskID] = handoff
        }
        report.storedHandoffs += handoffs.count

        // Placement (migration 0010): every task and handoff in its workflow's opening month, and
        // every task's key in task_keys naming the same workflow (keys without a task are counted
        // once for the tenant, in checkDerivedData: found from here, each page scanned every key).
        let misplaced = try await session.query(
            """
            SELECT 'task ' || t.task_id || ' is in month ' || t.opened_month || ', its workflow '
                   || t.workflow_id || ' opened in ' || COALESCE(w.opened_month::text, 'no month')
            FROM tasks AS t JOIN workflows AS w USING (tenant_id, workflow_id)
            WHERE t.tenant_id = \(tenant) AND t.workflow_id = ANY(\(ids)::text[])
              AND t.opened_month IS DISTINCT FROM w.opened_month
            UNION ALL
            SELECT 'handoff into task ' || h.to_task_id || ' of workflow ' || h.workflow_id || ' is in month '
                   || h.opened_month || ', its workflow opened in ' || COALESCE(w.opened_month::text, 'no month')
            FROM handoffs AS h JOIN workflows AS w USING (tenant_id, workflow_id)
            WHERE h.tenant_id = \(tenant) AND h.workflow_id = ANY(\(ids)::text[])
              AND h.opened_month IS DISTINCT FROM w.opened_month
            UNION ALL
            SELECT 'task ' || t.task_id || ' of workflow ' || t.workflow_id || ' has key '
                   || COALESCE('naming workflow ' || k.workflow_id, 'missing')
            FROM tasks AS t LEFT JOIN task_keys AS k USING (tenant_id, task_id)
            WHERE t.tenant_id = \(tenant) AND t.workflow_id = ANY(\(ids)::text[])
              AND k.workflow_id IS DISTINCT FROM t.workflow_id
            """
        ).collectValues(String.self)
        report.record(misplaced, counting: \.misplacedRows, limit: limit)
        // The current tag kept on each handoff (migration 0009) is its newest tag.
        let staleTags = try await session.query(
            """
            SELECT 'handoff into task ' || h.to_task_id || ' of workflow ' || h.workflow_id || ': current tag '
                   || COALESCE(h.tag_reason || ' #' || h.current_tag_id, 'none') || ', newest tag '
                   || COALESCE(n.reason || ' #' || n.tag_id, 'none')
            FROM handoffs AS h
            LEFT JOIN LATERAL (
                SELECT g.tag_id, g.reason, g.tagged_at FROM handoff_tags AS g
                WHERE g.tenant_id = h.tenant_id AND g.workflow_id = h.workflow_id AND g.to_task_id = h.to_task_id
                ORDER BY g.tagged_at DESC, g.tag_id DESC LIMIT 1
            ) AS n ON true
            WHERE h.tenant_id = \(tenant) AND h.workflow_id = ANY(\(ids)::text[])
              AND (h.current_tag_id, h.tag_reason, h.tagged_at) IS DISTINCT FROM (n.tag_id, n.reason, n.tagged_at)
            """
        ).collectValues(String.self)
        report.record(staleTags, counting: \.staleCurrentTags, limit: limit)

        for (workflowID, derivation) in try await HandoffWriter.derive(ids, tenant: tenant, session: &session) {
            report.workflows += 1
            report.derivedHandoffs += derivation.handoffs.count
            var found: [String] = []
            if let stored = storedFigures[workflowID] {
                found += differences(stored, StoredRows.Derived(workflowID: workflowID, derivation))
                    .map { "workflow \(workflowID): \($0)" }
            }
            var remaining = storedHandoffs[workflowID] ?? [:]
            for handoff in derivation.handoffs {
                guard let stored = remaining.removeValue(forKey: handoff.toTaskID) else {
                    found.append("workflow \(workflowID): handoff into task \(handoff.toTaskID) is missing")
                    continue
                }
                let columns = (
                    HandoffColumns.checked(stored, workflowID: workflowID),
                    HandoffColumns.checked(handoff, workflowID: workflowID)
                )
                found += differences(columns.0, columns.1).map {
                    "workflow \(workflowID): handoff into task \(handoff.toTaskID): \($0)"
                }
            }
            for toTask in remaining.keys.sorted() {
                found.append("workflow \(workflowID): handoff into task \(toTask) is stored but not derivable")
            }
            guard !found.isEmpty else { continue }
            report.inconsistentWorkflows += 1
            report.differences += found.prefix(max(0, limit - report.differences.count))
        }
    }

    /// `field: stored X, recomputed Y` for every field in which two rows differ.
    static func differences<Row>(_ stored: Row, _ recomputed: Row) -> [String] {
        zip(Mirror(reflecting: stored).children, Mirror(reflecting: recomputed).children).compactMap { left, right in
            let (a, b) = (describe(left.value), describe(right.value))
            return a == b ? nil : "\(left.label ?? "?"): stored \(a), recomputed \(b)"
        }
    }

    /// The same for two handoffs as ``HandoffColumns/checked(_:workflowID:)`` names their columns.
    static func differences(
        _ stored: [(column: String, value: String)], _ recomputed: [(column: String, value: String)]
    ) -> [String] {
        zip(stored, recomputed).compactMap { left, right in
            left.value == right.value ? nil : "\(left.column): stored \(left.value), recomputed \(right.value)"
        }
    }

    private static func describe(_ value: Any) -> String {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return "\(value)" }
        return mirror.children.first.map { describe($0.value) } ?? "null"
    }
}
