import BatonCore
import Logging
import PostgresNIO

extension PostgresStorage {
    /// Everything the value report needs for workflows opened in [from, to), in one read-only
    /// snapshot. Aggregates that SQL computes well (friction, readiness) are computed here.
    package func reportInput(tenant: String, from: Timestamp, to: Timestamp, logger: Logger) async throws
        -> ReportInput
    {
        let (f, t) = (from.rfc3339, to.rfc3339)
        try await analyzeIfStale(logger: logger)
        let assistants = try await self.assistants(tenant: tenant, logger: logger)
        return try await transaction("report input", logger: logger) { connection in
            try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", logger: logger)
                .drain()
            try await Self.preferIndexes(on: connection, logger: logger)
            // The task and friction statements run at the same time on connections that share this
            // transaction's snapshot, so all read the same data while PostgreSQL uses every core.
            // A standby cannot export snapshots: there the statements run one after the other.
            let standby =
                try await connection.query("SELECT pg_is_in_recovery()", logger: logger).collectValues(Bool.self).first
                ?? true
            let snapshot =
                standby
                ? nil
                : try await connection.query("SELECT pg_export_snapshot()", logger: logger)
                    .collectValues(String.self).first
            let fallback = snapshot == nil ? connection : nil
            async let tasks = Self.sharingSnapshot(snapshot, client: client, fallback: fallback, logger: logger) {
                try await Self.taskColumns(on: $0, tenant: tenant, from: f, to: t, logger: logger)
            }
            async let side = Self.sharingSnapshot(snapshot, client: client, fallback: fallback, logger: logger) {
                try await Self.frictionAndPerceptions(on: $0, tenant: tenant, from: f, to: t, logger: logger)
            }
            // Observations travel as columns: one row of large arrays per table. Decoding a few int8
            // arrays is far cheaper than one row per task, and SQL does no per-workflow grouping
            // (sorting 100,000 rows per report was most of its time). Times are microseconds from
            // `from` (float8 `date_part` is exact at this range and much faster than numeric
            // `extract`). Workflows are numbered in id order and placed by that number, so the
            // bootstrap does not depend on the physical order of rows.
            let workflowColumns = try await connection.query(
                """
                WITH w AS MATERIALIZED (
                    SELECT workflow_id, (row_number() OVER (ORDER BY workflow_id))::int4 AS rn, category, severity,
                           opened_at, lead_us, touch_us, intake_us, closure_us, ai_touched, ping_pong, opened_inferred
                    FROM report_source.workflows
                    WHERE tenant_id = \(tenant) AND opened_at >= \(f)::timestamptz AND opened_at < \(t)::timestamptz
                ), wa AS (
                    SELECT COALESCE(array_agg(category), '{}') AS categories,
                           COALESCE(array_agg(severity), '{}') AS severities,
                           COALESCE(array_agg((date_part('epoch', opened_at - \(f)::timestamptz) * 1e6)::int8),
                                    '{}') AS opened,
                           COALESCE(array_agg(COALESCE(lead_us, -1)), '{}') AS leads,
                           COALESCE(array_agg(COALESCE(touch_us, 0)), '{}') AS touches,
                           COALESCE(array_agg(COALESCE(intake_us, 0)), '{}') AS intakes,
                           COALESCE(array_agg(COALESCE(closure_us, 0)), '{}') AS closures,
                           COALESCE(array_agg(ai_touched), '{}') AS touched,
                           COALESCE(array_agg(rn), '{}') AS numbers,
                           count(*) FILTER (WHERE opened_inferred)::int8 AS inferred,
                           avg(ping_pong::int) FILTER (WHERE lead_us IS NOT NULL)::float8 AS ping_pong,
                           percentile_cont(0.5) WITHIN GROUP (ORDER BY touch_us::float8 / NULLIF(lead_us, 0))::float8,
                           percentile_cont(0.9) WITHIN GROUP (ORDER BY touch_us::float8 / NULLIF(lead_us, 0))::float8
                    FROM w
                ), ha AS (
                    SELECT COALESCE(array_agg(w.rn), '{}') AS workflows,
                           COALESCE(array_agg(h.tool_pair), '{}') AS classes,
                           COALESCE(array_agg(h.wait_us), '{}') AS waits
                    FROM report_source.handoffs AS h JOIN w USING (workflow_id)
                    WHERE h.tenant_id = \(tenant) AND h.kind = 'handoff' AND w.lead_us IS NOT NULL
                )
                SELECT * FROM wa, ha
                """, logger: logger
            ).collect(as: WorkflowColumns.self).first!

            let (friction, perceptionRows) = try await side
            let t = try await tasks
            let w = workflowColumns
            let columns: ObservationColumns = (
                w.0, w.1, w.2, w.3, w.4, w.5, w.6, w.7, w.8, w.9, w.10, w.11, w.12, t.0, t.1, t.2, t.3, t.4, t.5, t.6,
                w.13, w.14, w.15
            )
            return Self.assemble(
                tenant: tenant, from: from, to: to, columns: columns, friction: friction,
                perceptionRows: perceptionRows, assistants: assistants)
        }
    }

    /// Task observations as columns: the statement numbers workflows exactly as the workflow
    /// statement does (same snapshot, same id order), so the numbers line up.
    static func taskColumns(
        on connection: PostgresConnection, tenant: String, from f: String, to t: String, logger: Logger
    )
        async throws -> TaskColumns
    {
        try await connection.query(
            """
            WITH w AS MATERIALIZED (
                SELECT workflow_id, (row_number() OVER (ORDER BY workflow_id))::int4 AS rn
                FROM report_source.workflows
                WHERE tenant_id = \(tenant) AND opened_at >= \(f)::timestamptz AND opened_at < \(t)::timestamptz
            ), ta AS (
                SELECT COALESCE(array_agg(w.rn), '{}') AS workflows,
                       COALESCE(array_agg(t.task_type), '{}') AS types,
                       COALESCE(array_agg(COALESCE(t.assistant, '')), '{}') AS assistants,
                       COALESCE(array_agg(t.ai_mode <> 'none'), '{}') AS ai,
                       COALESCE(array_agg(COALESCE(t.duration_us, -1)), '{}') AS durations,
                       COALESCE(array_agg((date_part('epoch', t.started_at - \(f)::timestamptz) * 1e6)::int8), '{}')
                           AS started,
                       avg((t.stage IS NOT NULL)::int)::float8 AS staged
                FROM report_source.tasks AS t JOIN w USING (workflow_id)
                WHERE t.tenant_id = \(tenant)
            )
            SELECT * FROM ta
            """, logger: logger
        ).collect(as: TaskColumns.self).first!
    }

    /// Runs `body` in a read-only transaction that imports `snapshot` on a connection of its own,
    /// or, without a snapshot (a standby), on `fallback`, the caller's own connection.
    static func sharingSnapshot<T: Sendable>(
        _ snapshot: String?, client: PostgresClient, fallback: PostgresConnection?, logger: Logger,
        _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        if let fallback { return try await body(fallback) }
        guard let snapshot, !snapshot.isEmpty, snapshot.utf8.count < 64,
            snapshot.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || ("A"..."F").contains($0) || $0 == "-" })
        else { throw StoreError.internalError }
        return try await client.withTransaction(logger: logger) { connection in
            try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", logger: logger)
                .drain()
            // SET TRANSACTION SNAPSHOT takes no bind parameters; the id is the server's own
            // (checked above to be hex digits and dashes), never a request value.
            try await connection.query(
                PostgresQuery(unsafeSQL: "SET TRANSACTION SNAPSHOT '\(snapshot)'"), logger: logger
            )
            .drain()
            try await preferIndexes(on: connection, logger: logger)
            return try await body(connection)
        }
    }

    /// Tells the planner, for this transaction only, that reading by index is nearly as cheap as
    /// reading in sequence, as it is for a report's period (recent, hence cached) on SSD. With the
    /// default (4), PostgreSQL joined a period's workflows to their handoffs by scanning every
    /// handoff of the tenant, which made each report's cost grow with the archive; with 1.1 it
    /// probes the handoffs' and tasks' keys for the period's workflows only (Docs/performance.md).
    static func preferIndexes(on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("SET LOCAL random_page_cost = 1.1", logger: logger).drain()
    }

    /// The friction aggregates and the perceived ratings.
    static func frictionAndPerceptions(
        on connection: PostgresConnection, tenant: String, from f: String, to t: String, logger: Logger
    ) async throws -> (FrictionColumns, [(String, String)]) {
        // Friction: waiting hours by handoff class with the reasons analysts tagged (the latest
        // tag of each handoff counts), and the readiness shares, over one pass of the handoffs.
        let friction = try await connection.query(
            """
            WITH w AS (
                SELECT workflow_id, closed FROM report_source.workflows
                WHERE tenant_id = \(tenant) AND opened_at >= \(f)::timestamptz AND opened_at < \(t)::timestamptz
            ), g AS MATERIALIZED (
                -- One grouped pass; everything below reads these few rows. The latest tag of each
                -- handoff counts (the view carries it).
                SELECT h.tool_pair AS cls, w.closed, h.tag_reason AS reason, sum(h.wait_us)::int8 AS wait,
                       count(*)::int8 AS n, sum(h.context_carried::int)::int8 AS carried
                FROM report_source.handoffs AS h JOIN w USING (workflow_id)
                WHERE h.tenant_id = \(tenant) AND h.kind = 'handoff'
                GROUP BY h.tool_pair, w.closed, h.tag_reason
            ), top AS (
                SELECT cls, sum(wait)::int8 AS wait, sum(n)::int8 AS n, (sum(wait) / sum(n))::float8 AS mean,
                       (sum(carried)::float8 / sum(n))::float8 AS carried
                FROM g WHERE closed GROUP BY cls ORDER BY 2 DESC, 1 LIMIT 50
            ), reasons AS (
                SELECT cls, reason, sum(wait)::int8 AS wait FROM g
                WHERE closed AND reason IS NOT NULL GROUP BY 1, 2
            )
            SELECT (SELECT COALESCE(array_agg(cls ORDER BY wait DESC, cls), '{}') FROM top),
                   (SELECT COALESCE(array_agg(wait ORDER BY wait DESC, cls), '{}') FROM top),
                   (SELECT COALESCE(array_agg(n ORDER BY wait DESC, cls), '{}') FROM top),
                   (SELECT COALESCE(array_agg(mean ORDER BY wait DESC, cls), '{}') FROM top),
                   (SELECT COALESCE(array_agg(carried ORDER BY wait DESC, cls), '{}') FROM top),
                   (SELECT COALESCE(array_agg(cls ORDER BY cls, reason), '{}') FROM reasons),
                   (SELECT COALESCE(array_agg(reason ORDER BY cls, reason), '{}') FROM reasons),
                   (SELECT COALESCE(array_agg(wait ORDER BY cls, reason), '{}') FROM reasons),
                   (SELECT sum(carried)::float8 / NULLIF(sum(n), 0)::float8 FROM g),
                   (SELECT (sum(wait) FILTER (WHERE reason IS NOT NULL))::float8 / NULLIF(sum(wait), 0)::float8
                    FROM g)
            """, logger: logger
        ).collect(as: FrictionColumns.self).first!
        // Ratings given during the period or in the month after it: a survey usually follows
        // the period it asks about.
        let perceptionRows = try await connection.query(
            """
            SELECT assistant, rating FROM report_source.perceptions
            WHERE tenant_id = \(tenant) AND rated_at >= \(f)::timestamptz
              AND rated_at < \(t)::timestamptz + interval '31 days'
            """, logger: logger
        ).collect(as: (String, String).self)
        return (friction, perceptionRows)
    }

    typealias ObservationColumns = (
        [String], [String], [Int64], [Int64], [Int64], [Int64], [Int64], [Bool], [Int32], Int64, Double?,
        Double?, Double?, [Int32], [String], [String], [Bool], [Int64], [Int64], Double?, [Int32],
        [String], [Int64]
    )
    typealias WorkflowColumns = (
        [String], [String], [Int64], [Int64], [Int64], [Int64], [Int64], [Bool], [Int32], Int64, Double?,
        Double?, Double?, [Int32], [String], [Int64]
    )
    typealias TaskColumns = ([Int32], [String], [String], [Bool], [Int64], [Int64], Double?)
    typealias FrictionColumns = (
        [String], [Int64], [Int64], [Double], [Double], [String], [String], [Int64], Double?, Double?
    )

    /// Turns the columns into observations: tasks, and closed workflows with their class waits,
    /// task-type times and assistants (a workflow's assistants are those whose AI worked on it).
    static func assemble(
        tenant: String, from: Timestamp, to: Timestamp, columns: ObservationColumns, friction: FrictionColumns,
        perceptionRows: [(String, String)], assistants: [AssistantMetadata]
    ) -> ReportInput {
        let (
            categories, severities, opened, leads, touches, intakes, closures, touched, numbers, inferred, pingPong,
            efficiency50, efficiency90, taskWorkflows, taskTypes, taskAssistants, taskAI, durations, started, staged,
            handoffWorkflows, handoffClasses, handoffWaits
        ) = columns
        let count = numbers.count
        // position[k] is where workflow number k + 1 sits in the arrays.
        var position = [Int](repeating: 0, count: count)
        for (index, number) in numbers.enumerated() { position[Int(number) - 1] = index }
        var classWaits = [[String: Int64]](repeating: [:], count: count)
        var typeTimes = [[String: Int64]](repeating: [:], count: count)
        var helpers = [Set<String>](repeating: [], count: count)

        var tasks: [ReportInput.TaskObservation] = []
        tasks.reserveCapacity(durations.count)
        for i in durations.indices {
            let k = Int(taskWorkflows[i]) - 1
            let p = position[k]
            let closed = leads[p] >= 0
            let assistant = taskAssistants[i].isEmpty ? nil : taskAssistants[i]
            if durations[i] >= 0 {
                tasks.append(
                    .init(
                        taskType: taskTypes[i], severity: severities[p], assistant: assistant, aiTouched: taskAI[i],
                        durationMicroseconds: durations[i], startedAt: from.adding(microseconds: started[i])))
                if closed { typeTimes[k][taskTypes[i], default: 0] += durations[i] }
            }
            if closed, taskAI[i], let assistant { helpers[k].insert(assistant) }
        }
        for i in handoffWaits.indices {
            classWaits[Int(handoffWorkflows[i]) - 1][handoffClasses[i], default: 0] += handoffWaits[i]
        }
        var workflows: [ReportInput.WorkflowObservation] = []
        workflows.reserveCapacity(count)
        var intake: Int64 = 0
        var closure: Int64 = 0
        for k in 0..<count {
            let p = position[k]
            guard leads[p] >= 0 else { continue }
            intake += intakes[p]
            closure += closures[p]
            workflows.append(
                .init(
                    category: categories[p], severity: severities[p], openedAt: from.adding(microseconds: opened[p]),
                    lead: leads[p], touch: touches[p], intake: intakes[p], closure: closures[p],
                    classWaits: classWaits[k], aiTouched: touched[p], assistants: helpers[k],
                    taskTypeTime: typeTimes[k]))
        }

        let (names, waits, handoffs, means, carried, reasonClasses, reasons, reasonWaits, contextShare, taggedShare) =
            friction
        var reasonsByClass: [String: [String: Double]] = [:]
        for i in reasons.indices {
            reasonsByClass[reasonClasses[i], default: [:]][reasons[i]] = Double(reasonWaits[i]) / 3.6e9
        }
        var perceptions: [String: [ValueRating]] = [:]
        for (assistant, rating) in perceptionRows {
            if let r = ValueRating(rawValue: rating) { perceptions[assistant, default: []].append(r) }
        }
        return ReportInput(
            tenant: tenant, from: from, to: to, tasks: tasks, workflows: workflows,
            openWorkflows: count - workflows.count, inferredOpenings: Int(inferred),
            assistants: assistants, perceptions: perceptions,
            friction: ValueReport.Friction(
                topClasses: names.indices.map { i in
                    ValueReport.ClassFriction(
                        handoffClass: names[i], waitingHours: Double(waits[i]) / 3.6e9, handoffs: Int(handoffs[i]),
                        meanWaitMinutes: means[i] / 6e7, contextCarriedShare: carried[i],
                        tagReasons: reasonsByClass[names[i]] ?? [:])
                },
                intakeHours: Double(intake) / 3.6e9, closureHours: Double(closure) / 3.6e9,
                pingPongShare: pingPong, contextCarriedShare: contextShare,
                flowEfficiencyMedian: efficiency50, flowEfficiencyP90: efficiency90),
            readiness: ValueReport.Readiness(
                tasksWithStageShare: staged, handoffsWithContextShare: contextShare,
                waitingHoursTaggedShare: taggedShare))
    }
}
