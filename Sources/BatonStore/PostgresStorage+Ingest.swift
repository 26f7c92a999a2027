import BatonCore
import Foundation
import Logging
import PostgresNIO

extension PostgresStorage {
    /// The set of workflows a transaction has locked changed under it; the transaction is run again.
    struct LockSetChanged: Error {}

    package func ingest(_ records: [Record], tenant: String, logger: Logger) async throws
        -> IngestResult
    {
        let plan = IngestPlan(records)
        var batchLogger = logger
        batchLogger[metadataKey: "baton.records.count"] = "\(records.count)"
        let logger = batchLogger
        let outcome = try await tenantTransaction("ingest", tenant: tenant, logger: logger) { connection in
            var session = SQLSession(connection: connection, logger: logger)
            return try await Self.ingest(plan, tenant: tenant, session: &session)
        }
        return IngestResult(
            accepted: outcome.accepted + plan.superseded,
            duplicates: outcome.duplicates + plan.duplicatesInBatch,
            workflowsRecomputed: outcome.workflowsRecomputed, statements: outcome.statements)
    }

    /// One attempt at storing a batch. Statements per batch are constant, whatever its size.
    static func ingest(_ plan: IngestPlan, tenant: String, session: inout SQLSession) async throws -> IngestResult {
        let taskIDs = plan.tasks.map(\.id)
        let referenced = Set(plan.workflows.map(\.workflowID)).union(plan.tasks.map(\.workflowID))

        // Serialise writers per workflow before writing anything: a workflow's handoffs are derived
        // from all its tasks, so two batches touching it must not derive from each other's partial state.
        // A task can move between workflows, so its current workflow is locked too.
        let previous = try await currentWorkflows(of: taskIDs, tenant: tenant, session: &session)
        let locked = referenced.union(previous.values)
        try await lockWorkflows(locked, tenant: tenant, session: &session)
        let previousAfterLock = try await currentWorkflows(of: taskIDs, tenant: tenant, session: &session)
        guard Set(previousAfterLock.values).isSubset(of: locked) else { throw LockSetChanged() }

        var changedWorkflows: [String] = []
        if !plan.workflows.isEmpty {
            let w = plan.workflows
            changedWorkflows = try await session.query(
                """
                INSERT INTO workflows AS w (tenant_id, workflow_id, reported, opened_at, closed_at, severity, category, outcome)
                SELECT \(tenant), r.workflow_id, true, r.opened_at, r.closed_at, r.severity, r.category, r.outcome
                FROM unnest(\(ArrayBind.text(w.map(\.workflowID))), \(ArrayBind.timestamptz(w.map(\.openedAt))),
                            \(ArrayBind.timestamptz(w.map(\.closedAt))), \(ArrayBind.text(w.map(\.severity?.rawValue))),
                            \(ArrayBind.text(w.map(\.category))), \(ArrayBind.text(w.map(\.outcome))))
                    AS r(workflow_id, opened_at, closed_at, severity, category, outcome)
                ORDER BY r.workflow_id
                ON CONFLICT (tenant_id, workflow_id) DO UPDATE SET
                    reported = true, opened_at = excluded.opened_at, closed_at = excluded.closed_at,
                    severity = excluded.severity, category = excluded.category, outcome = excluded.outcome,
                    updated_at = now()
                WHERE (w.reported, w.opened_at, w.closed_at, w.severity, w.category, w.outcome)
                    IS DISTINCT FROM (true, excluded.opened_at, excluded.closed_at, excluded.severity,
                                      excluded.category, excluded.outcome)
                RETURNING w.workflow_id
                """
            ).collectValues(String.self)
        }

        var changedTasks: [String] = []
        if !plan.tasks.isEmpty {
            // Tasks may arrive before their workflow record: a stub row stands in until it comes.
            let stubIDs = Array(Set(plan.tasks.map(\.workflowID))).sorted()
            try await session.query(
                """
                INSERT INTO workflows (tenant_id, workflow_id)
                SELECT \(tenant), id FROM unnest(\(stubIDs)::text[]) AS id ORDER BY id
                ON CONFLICT (tenant_id, workflow_id) DO NOTHING
                """
            ).drain()
            let assistants = Array(Set(plan.tasks.compactMap(\.assistant))).sorted()
            if !assistants.isEmpty {
                try await session.query(
                    """
                    INSERT INTO assistants (tenant_id, name)
                    SELECT \(tenant), n.name FROM unnest(\(assistants)::text[]) AS n(name)
                    -- Known assistants are skipped before the insert: an insert that conflicts with
                    -- a row another batch is still inserting waits for that batch to commit.
                    WHERE NOT EXISTS (SELECT 1 FROM assistants AS a WHERE a.tenant_id = \(tenant) AND a.name = n.name)
                    ORDER BY n.name
                    ON CONFLICT (tenant_id, name) DO NOTHING
                    """
                ).drain()
            }
            let t = plan.tasks
            let attributes = try ArrayBind.jsonb(t.map { $0.attributes.map(JSONValue.object) })
            changedTasks = try await session.query(
                """
                INSERT INTO tasks AS t (tenant_id, task_id, workflow_id, task_type, stage, tool, actor, assistant,
                                        ai_mode, started_at, ended_at, context_from, attributes)
                SELECT \(tenant), r.task_id, r.workflow_id, r.task_type, r.stage, r.tool, r.actor, r.assistant,
                       r.ai_mode, r.started_at, r.ended_at, r.context_from, r.attributes
                FROM unnest(\(ArrayBind.text(t.map(\.id))), \(ArrayBind.text(t.map(\.workflowID))),
                            \(ArrayBind.text(t.map(\.taskType))), \(ArrayBind.text(t.map(\.stage?.rawValue))),
                            \(ArrayBind.text(t.map(\.tool))), \(ArrayBind.text(t.map(\.actor))),
                            \(ArrayBind.text(t.map(\.assistant))), \(ArrayBind.text(t.map(\.aiMode.rawValue))),
                            \(ArrayBind.timestamptz(t.map(\.startedAt))), \(ArrayBind.timestamptz(t.map(\.endedAt))),
                            \(ArrayBind.text(t.map(\.contextFrom))), \(attributes))
                    AS r(task_id, workflow_id, task_type, stage, tool, actor, assistant, ai_mode, started_at, ended_at,
                         context_from, attributes)
                ORDER BY r.task_id
                ON CONFLICT (tenant_id, task_id) DO UPDATE SET
                    workflow_id = excluded.workflow_id, task_type = excluded.task_type, stage = excluded.stage,
                    tool = excluded.tool, actor = excluded.actor, assistant = excluded.assistant,
                    ai_mode = excluded.ai_mode, started_at = excluded.started_at, ended_at = excluded.ended_at,
                    context_from = excluded.context_from, attributes = excluded.attributes, updated_at = now()
                WHERE (t.workflow_id, t.task_type, t.stage, t.tool, t.actor, t.assistant, t.ai_mode,
                       t.started_at, t.ended_at, t.context_from, t.attributes)
                    IS DISTINCT FROM (excluded.workflow_id, excluded.task_type, excluded.stage, excluded.tool,
                                      excluded.actor, excluded.assistant, excluded.ai_mode, excluded.started_at,
                                      excluded.ended_at, excluded.context_from, excluded.attributes)
                RETURNING t.task_id
                """
            ).collectValues(String.self)
        }

        // Recompute exactly the workflows whose inputs changed: changed workflow records, and the
        // old and new workflow of every changed task.
        let tasksByID = Dictionary(uniqueKeysWithValues: plan.tasks.map { ($0.id, $0) })
        var affected = Set(changedWorkflows)
        for id in changedTasks {
            if let task = tasksByID[id] { affected.insert(task.workflowID) }
            if let old = previousAfterLock[id] { affected.insert(old) }
        }
        try await recomputeHandoffs(of: affected, tenant: tenant, session: &session)

        let changedCount = changedWorkflows.count + changedTasks.count
        return IngestResult(
            accepted: changedCount, duplicates: plan.workflows.count + plan.tasks.count - changedCount,
            workflowsRecomputed: affected.count, statements: session.statements)
    }

    /// The workflow each of `taskIDs` belongs to now (tasks not stored yet are absent).
    ///
    /// Ingest reads by key in the shape `unnest(keys) JOIN LATERAL (… WHERE key = k … OFFSET 0)`:
    /// the `OFFSET 0` keeps the subquery from being flattened into a join, so PostgreSQL probes the
    /// index once per key whatever its statistics say. With `key = ANY(keys)` or a plain join it
    /// scanned all of the tenant's rows whenever the statistics lagged the table, as they do while
    /// a new or fast-growing tenant loads (autovacuum analyses after a 10 % change, at most once
    /// a minute): a batch then cost time in proportion to the archive.
    static func currentWorkflows(
        of taskIDs: [String], tenant: String, session: inout SQLSession
    ) async throws -> [String: String] {
        guard !taskIDs.isEmpty else { return [:] }
        let rows = try await session.query(
            """
            SELECT t.task_id, t.workflow_id
            FROM unnest(\(taskIDs)::text[]) AS k(id)
            JOIN LATERAL (
                SELECT task_id, workflow_id FROM tasks WHERE tenant_id = \(tenant) AND task_id = k.id OFFSET 0
            ) AS t ON true
            """
        ).collect(as: (String, String).self)
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
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
