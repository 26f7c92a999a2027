package import BatonCore
import Foundation
package import Logging
import PostgresNIO

/// Ingest on PostgreSQL: records with the recomputation of the workflows they touch, ratings and
/// tags, each call in one transaction of its tenant.
package struct PostgresIngestRepository: IngestRepository {
    package let database: PostgresDatabase

    package init(database: PostgresDatabase) {
        self.database = database
    }

    package func ingest(_ records: [Record], tenant: String, logger: Logger) async throws
        -> IngestResult
    {
        let plan = IngestPlan(records)
        var batchLogger = logger
        batchLogger[metadataKey: "baton.records.count"] = "\(records.count)"
        let logger = batchLogger
        let outcome = try await database.tenantTransaction("ingest", tenant: tenant, logger: logger) { connection in
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
        guard !referenced.isEmpty else { return IngestResult(statements: session.statements) }
        // Before any other lock: a creator of partitions takes this lock exclusively, so it waits
        // for the batches in flight and new ones wait for it holding nothing (migration 0010).
        try await session.query("SELECT pg_advisory_xact_lock_shared(hashtextextended('baton partitions', 0))")
            .drain()

        // Serialise writers per workflow before writing anything: a workflow's handoffs are derived
        // from all its tasks, so two batches touching it must not derive from each other's partial state.
        // A task can move between workflows, so its current workflow is locked too.
        let previous = try await currentWorkflows(of: taskIDs, tenant: tenant, session: &session)
        let locked = referenced.union(previous.values)
        try await HandoffWriter.lockWorkflows(locked, tenant: tenant, session: &session)
        let (previousAfterLock, openings) = try await storedState(
            tasks: taskIDs, workflows: locked, tenant: tenant, session: &session)
        guard Set(previousAfterLock.values).isSubset(of: locked) else { throw LockSetChanged() }

        // Workflows new to the store have all their tasks in this batch (a stored task references a
        // stored workflow), so they are derived here and written once, figures included, instead of
        // inserted, read back and rewritten.
        let recordsByID = Dictionary(uniqueKeysWithValues: plan.workflows.map { ($0.workflowID, $0) })
        let fresh = try await insertNewWorkflows(
            referenced.subtracting(openings.keys).sorted(), records: recordsByID, tasks: plan.tasks, tenant: tenant,
            session: &session)
        let freshIDs = Set(fresh.map(\.workflowID))
        let storedRecords = plan.workflows.filter { !freshIDs.contains($0.workflowID) }

        var changedWorkflows: [String] = []
        if !storedRecords.isEmpty {
            let w = storedRecords
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

        // Every row of a workflow lives in the partition of its opening month (migration 0010).
        // Until recomputation that is the month of its stored opening; a workflow stored without
        // one (a record without `opened_at`, no task yet) takes the month of its earliest task in
        // this batch. Recomputation moves the rows when the derived opening is in another month.
        var rowMonths: [String: Timestamp] = [:]
        for case let (id, opening?) in openings { rowMonths[id] = opening.utcMonthStart }
        for (id, derivation) in fresh { rowMonths[id] = derivation.effectiveOpenedAt?.utcMonthStart }
        var earliest: [String: Timestamp] = [:]
        for task in plan.tasks where rowMonths[task.workflowID] == nil {
            earliest[task.workflowID] = min(earliest[task.workflowID] ?? task.startedAt, task.startedAt)
        }
        for (id, at) in earliest { rowMonths[id] = at.utcMonthStart }
        try await MonthPartitions.require(plan.tasks.compactMap { rowMonths[$0.workflowID] }, session: &session)
        try await writeTaskKeys(
            plan.tasks, previous: previousAfterLock, previousMonths: rowMonths, tenant: tenant, session: &session)

        var changedTasks: [String] = []
        if !plan.tasks.isEmpty {
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
            let months = t.map { rowMonths[$0.workflowID] }
            changedTasks = try await session.query(
                """
                INSERT INTO tasks AS t (tenant_id, task_id, workflow_id, task_type, stage, tool, actor, assistant,
                                        ai_mode, started_at, ended_at, context_from, attributes, opened_month)
                SELECT \(tenant), r.task_id, r.workflow_id, r.task_type, r.stage, r.tool, r.actor, r.assistant,
                       r.ai_mode, r.started_at, r.ended_at, r.context_from, r.attributes, baton_month(r.month)
                FROM unnest(\(ArrayBind.text(t.map(\.id))), \(ArrayBind.text(t.map(\.workflowID))),
                            \(ArrayBind.text(t.map(\.taskType))), \(ArrayBind.text(t.map(\.stage?.rawValue))),
                            \(ArrayBind.text(t.map(\.tool))), \(ArrayBind.text(t.map(\.actor))),
                            \(ArrayBind.text(t.map(\.assistant))), \(ArrayBind.text(t.map(\.aiMode.rawValue))),
                            \(ArrayBind.timestamptz(t.map(\.startedAt))), \(ArrayBind.timestamptz(t.map(\.endedAt))),
                            \(ArrayBind.text(t.map(\.contextFrom))), \(attributes), \(ArrayBind.timestamptz(months)))
                    AS r(task_id, workflow_id, task_type, stage, tool, actor, assistant, ai_mode, started_at, ended_at,
                         context_from, attributes, month)
                ORDER BY r.task_id
                ON CONFLICT (tenant_id, task_id, opened_month) DO UPDATE SET
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
        affected.subtract(freshIDs)
        let touched = try await HandoffWriter.recomputeHandoffs(
            of: affected, adding: fresh, rowMonths: rowMonths, tenant: tenant, session: &session)
        try await markRollupsDirty(touched, tenant: tenant, session: &session)

        let changedCount = changedWorkflows.count + (plan.workflows.count - storedRecords.count) + changedTasks.count
        return IngestResult(
            accepted: changedCount, duplicates: plan.workflows.count + plan.tasks.count - changedCount,
            workflowsRecomputed: affected.count + fresh.count, statements: session.statements)
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
        return try await storedState(tasks: taskIDs, workflows: [], tenant: tenant, session: &session).taskWorkflows
    }

    /// After the locks: the workflow each of `tasks` belongs to now, and which of `workflows` are
    /// stored, with their stored effective opening, in one statement (per-key probes, see
    /// ``currentWorkflows(of:tenant:session:)``).
    static func storedState(
        tasks taskIDs: [String], workflows workflowIDs: Set<String>, tenant: String, session: inout SQLSession
    ) async throws -> (taskWorkflows: [String: String], openings: [String: Timestamp?]) {
        let rows = try await session.query(
            """
            SELECT t.task_id, t.workflow_id, NULL::int8
            FROM unnest(\(taskIDs)::text[]) AS k(id)
            JOIN LATERAL (
                SELECT task_id, workflow_id FROM task_keys WHERE tenant_id = \(tenant) AND task_id = k.id OFFSET 0
            ) AS t ON true
            UNION ALL
            SELECT NULL, w.workflow_id, (extract(epoch FROM w.effective_opened_at) * 1000000)::int8
            FROM unnest(\(Array(workflowIDs))::text[]) AS k(id)
            JOIN LATERAL (
                SELECT workflow_id, effective_opened_at FROM workflows
                WHERE tenant_id = \(tenant) AND workflow_id = k.id OFFSET 0
            ) AS w ON true
            """
        ).collect(as: (String?, String, Int64?).self)
        var taskWorkflows: [String: String] = [:]
        var openings: [String: Timestamp?] = [:]
        for (taskID, workflowID, opening) in rows {
            if let taskID {
                taskWorkflows[taskID] = workflowID
            } else {
                // Not `openings[workflowID] = …`: a nil opening would remove the key, and a stored
                // workflow without one (its tasks moved away) would be inserted again as new.
                openings.updateValue(opening.map(Timestamp.init(microseconds:)), forKey: workflowID)
            }
        }
        return (taskWorkflows, openings)
    }

    /// Notes the months whose rows a batch changed, for the maintenance service to recompute
    /// their rollups (an append, so concurrent batches never wait on each other here).
    static func markRollupsDirty(_ months: Set<Timestamp>, tenant: String, session: inout SQLSession) async throws {
        guard !months.isEmpty else { return }
        try await session.query(
            """
            INSERT INTO rollup_dirty (tenant_id, month)
            SELECT \(tenant), baton_month(m) FROM unnest(\(ArrayBind.timestamptz(Array(months)))) AS m
            """
        ).drain()
    }

    /// Keeps `task_keys`, the tenant-wide identity of tasks that the month partitions of `tasks`
    /// cannot enforce: inserts the keys of new tasks and repoints moved ones, whose old rows (in
    /// their old workflow's month) are deleted so the insert that follows writes them afresh.
    /// A new key that another batch inserted first means the locks taken were not enough, and the
    /// transaction is run again (it will see the key and lock its workflow).
    static func writeTaskKeys(
        _ tasks: [TaskRecord], previous: [String: String], previousMonths: [String: Timestamp], tenant: String,
        session: inout SQLSession
    ) async throws {
        let changed = tasks.filter { previous[$0.id] != $0.workflowID }.sorted { $0.id < $1.id }
        guard !changed.isEmpty else { return }
        let moved = changed.filter { previous[$0.id] != nil }
        if !moved.isEmpty {
            let oldMonths = moved.map { previous[$0.id].flatMap { previousMonths[$0] } }
            try await session.query(
                """
                DELETE FROM tasks AS t
                USING unnest(\(ArrayBind.text(moved.map(\.id))), \(ArrayBind.timestamptz(oldMonths))) AS k(id, month)
                WHERE t.tenant_id = \(tenant) AND t.task_id = k.id AND t.opened_month = baton_month(k.month)
                """
            ).drain()
        }
        let inserted = try await session.query(
            """
            INSERT INTO task_keys AS k (tenant_id, task_id, workflow_id)
            SELECT \(tenant), r.id, r.workflow_id
            FROM unnest(\(ArrayBind.text(changed.map(\.id))), \(ArrayBind.text(changed.map(\.workflowID))))
                AS r(id, workflow_id)
            ORDER BY r.id
            ON CONFLICT (tenant_id, task_id) DO UPDATE SET workflow_id = excluded.workflow_id
            RETURNING k.task_id, (k.xmax = 0)
            """
        ).collect(as: (String, Bool).self)
        for (taskID, isNew) in inserted where isNew != (previous[taskID] == nil) { throw LockSetChanged() }
    }

    /// Inserts workflows that are not stored yet, with their §2 figures derived from this batch's
    /// tasks and their record if it came (without one, a stub that infers the opening, as
    /// value-model §1 says). Returns the derivations, whose handoffs are still to be written.
    static func insertNewWorkflows(
        _ ids: [String], records: [String: WorkflowRecord], tasks: [TaskRecord], tenant: String,
        session: inout SQLSession
    ) async throws -> [(workflowID: String, derivation: WorkflowDerivation)] {
        guard !ids.isEmpty else { return [] }
        var tasksByWorkflow: [String: [DerivationTask]] = [:]
        for task in tasks { tasksByWorkflow[task.workflowID, default: []].append(DerivationTask(task)) }
        let derived = ids.map { id in
            let record = records[id]
            let window = WorkflowWindow(openedAt: record?.openedAt, closedAt: record?.closedAt)
            return (
                workflowID: id, derivation: HandoffDerivation.derive(window: window, tasks: tasksByWorkflow[id] ?? [])
            )
        }
        let r = ids.map { records[$0] }
        let d = derived.map(\.derivation)
        let m = d.map(\.metrics)
        try await session.query(
            """
            INSERT INTO workflows (tenant_id, workflow_id, reported, opened_at, closed_at, severity, category, outcome,
                effective_opened_at, opened_inferred, task_count, running_tasks, tasks_outside_window, ai_touched,
                ping_pong, lead_us, touch_us, wait_us, effort_us, intake_us, handoff_wait_us, closure_us)
            SELECT \(tenant), n.workflow_id, n.reported, n.opened_at, n.closed_at, n.severity, n.category, n.outcome,
                n.effective_opened_at, n.opened_inferred, n.task_count, n.running_tasks, n.tasks_outside_window,
                n.ai_touched, n.ping_pong, n.lead_us, n.touch_us, n.wait_us, n.effort_us, n.intake_us,
                n.handoff_wait_us, n.closure_us
            FROM unnest(\(ArrayBind.text(ids)), \(ArrayBind.bool(r.map { $0 != nil })),
                        \(ArrayBind.timestamptz(r.map { $0?.openedAt })), \(ArrayBind.timestamptz(r.map { $0?.closedAt })),
                        \(ArrayBind.text(r.map { $0?.severity?.rawValue })), \(ArrayBind.text(r.map { $0?.category })),
                        \(ArrayBind.text(r.map { $0?.outcome })), \(ArrayBind.timestamptz(d.map(\.effectiveOpenedAt))),
                        \(ArrayBind.bool(d.map(\.openedAtInferred))),
                        \(ArrayBind.int4(d.map(\.taskCount))),
                        \(ArrayBind.int4(d.map(\.runningTasks))), \(ArrayBind.int4(d.map(\.tasksOutsideWindow))),
                        \(ArrayBind.bool(d.map(\.aiTouched))), \(ArrayBind.bool(d.map(\.pingPong))),
                        \(ArrayBind.int8(m.map { $0?.lead })), \(ArrayBind.int8(m.map { $0?.touch })),
                        \(ArrayBind.int8(m.map { $0?.wait })), \(ArrayBind.int8(m.map { $0?.effort })),
                        \(ArrayBind.int8(m.map { $0?.intake })), \(ArrayBind.int8(m.map { $0?.handoffWait })),
                        \(ArrayBind.int8(m.map { $0?.closure })))
                AS n(workflow_id, reported, opened_at, closed_at, severity, category, outcome, effective_opened_at,
                     opened_inferred, task_count, running_tasks, tasks_outside_window, ai_touched, ping_pong, lead_us,
                     touch_us, wait_us, effort_us, intake_us, handoff_wait_us, closure_us)
            ORDER BY n.workflow_id
            """
        ).drain()
        return derived
    }

    /// Tags handoffs in one statement; tags naming a handoff that does not exist are skipped.
    /// Returns how many were stored.
    @discardableResult
    package func addTags(_ tags: [HandoffTagRecord], tenant: String, by tokenID: String?, logger: Logger)
        async throws -> Int
    {
        struct Row: Encodable {
            var workflow_id: String
            var to_task_id: String
            var reason: String
            var note: String?
        }
        guard !tags.isEmpty else { return 0 }
        let rows = String(
            decoding: try JSONEncoder().encode(
                tags.map {
                    Row(workflow_id: $0.workflowID, to_task_id: $0.toTaskID, reason: $0.reason.rawValue, note: $0.note)
                }
            ), as: UTF8.self)
        return try await database.tenantTransaction("add tags", tenant: tenant, logger: logger) { connection in
            do {
                return try await HandoffTagWriter.insertTags(
                    rows, tenant: tenant, by: tokenID, on: connection, logger: logger)
            } catch {
                throw RowMoved.mapping(error)
            }
        }
    }

    /// Records perceived-value ratings; assistants not seen before are created unregistered.
    package func addPerceptions(_ perceptions: [Perception], tenant: String, logger: Logger) async throws {
        struct Row: Encodable {
            var assistant: String
            var respondent_role: String?
            var rating: String
            /// Microseconds since the epoch: exact, and valid for any instant (RFC 3339 text of an
            /// instant in year 0, such as `0001-01-01T00:00:00+03:00`, is not PostgreSQL input).
            var rated_us: Int64
            var note: String?
        }
        guard !perceptions.isEmpty else { return }
        let rows = String(
            decoding: try JSONEncoder().encode(
                perceptions.map {
                    Row(
                        assistant: $0.assistant, respondent_role: $0.respondentRole, rating: $0.rating.rawValue,
                        rated_us: $0.ratedAt.microseconds, note: $0.note)
                }), as: UTF8.self)
        let names = Array(Set(perceptions.map(\.assistant))).sorted()
        try await database.tenantTransaction("add perceptions", tenant: tenant, logger: logger) { connection in
            try await connection.query(
                """
                INSERT INTO assistants (tenant_id, name)
                SELECT \(tenant), name FROM unnest(\(names)::text[]) AS name ORDER BY name
                ON CONFLICT (tenant_id, name) DO NOTHING
                """, logger: logger
            ).drain()
            try await connection.query(
                """
                INSERT INTO perceptions (tenant_id, assistant, respondent_role, rating, rated_at, note)
                SELECT \(tenant), r.assistant, r.respondent_role, r.rating,
                    'epoch'::timestamptz + r.rated_us * interval '1 microsecond', r.note
                FROM jsonb_to_recordset(\(rows)::jsonb)
                    AS r(assistant text, respondent_role text, rating text, rated_us bigint, note text)
                """, logger: logger
            ).drain()
        }
    }
}
