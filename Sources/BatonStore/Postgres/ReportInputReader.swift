import BatonCore
import Logging
import PostgresNIO

/// The statements that read the value report's input in one snapshot, and the assembly of
/// their columns into a ``ReportInput`` (``PostgresReportSource/reportInput(tenant:from:to:chunk:classBy:logger:)``).
enum ReportInputReader {
    /// Workflows (by number) per row of the report's column statements: at most a few megabytes
    /// a row.
    static let reportChunk = 16_384

    // Observations travel as columns: rows of large arrays, one row per chunk of workflows (by
    // number, `reportChunk`), so no message holds a whole period (a row is a few megabytes at any
    // size, where one row of every task was tens of megabytes at a million tasks). Decoding int8 arrays is far cheaper
    // than one row per task, and SQL does no per-workflow grouping (sorting 100,000 rows per
    // report was most of its time). Strings arrive coded (``CodedTextArray``). Times are
    // microseconds from `from` (float8 `date_part` is exact at this range and much faster than
    // numeric `extract`). Workflows are numbered in id order and placed by that number, so the
    // bootstrap does not depend on the physical order of rows.

    /// Workflow and handoff columns, and the workflow aggregates (repeated on every row). With
    /// `handoffSides` (an intervention is dated in the period, `Docs/interventions.md`) the handoffs
    /// of open workflows come too, each with its tool pair, its sides and when its waiting began:
    /// the intervention figures read every handoff of the period's cases
    /// (``ReportWorkflowStaging/interventionHandoffs``), in the same pass as the class waits.
    static func workflowStaging(
        on connection: PostgresConnection, tenant: String, from f: String, to t: String, months: ReportMonths,
        chunk: Int, classBy: HandoffClassing = .tool, handoffSides: Bool = false, logger: Logger
    ) async throws -> ReportWorkflowStaging {
        let rows = try await connection.query(
            """
            WITH w AS MATERIALIZED (
                SELECT workflow_id, (row_number() OVER (ORDER BY workflow_id))::int4 AS rn, category, severity,
                       opened_at, lead_us, touch_us, intake_us, closure_us, ai_touched, ping_pong, opened_inferred
                FROM report_source.workflows
                WHERE tenant_id = \(tenant) AND opened_at >= \(f)::timestamptz AND opened_at < \(t)::timestamptz
            ), wa AS (
                SELECT count(*)::int8 AS workflows,
                       count(*) FILTER (WHERE opened_inferred)::int8 AS inferred,
                       avg(ping_pong::int) FILTER (WHERE lead_us IS NOT NULL)::float8 AS ping_pong,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY touch_us::float8 / NULLIF(lead_us, 0))::float8
                           AS efficiency50,
                       percentile_cont(0.9) WITHIN GROUP (ORDER BY touch_us::float8 / NULLIF(lead_us, 0))::float8
                           AS efficiency90
                FROM w
            ), wc AS (
                SELECT (rn - 1) / \(chunk) AS chunk,
                       array_agg(rn) AS numbers,
                       array_agg(category) AS categories,
                       array_agg(severity) AS severities,
                       array_agg((date_part('epoch', opened_at - \(f)::timestamptz) * 1e6)::int8) AS opened,
                       array_agg(COALESCE(lead_us, -1)) AS leads,
                       array_agg(COALESCE(touch_us, 0)) AS touches,
                       array_agg(COALESCE(intake_us, 0)) AS intakes,
                       array_agg(COALESCE(closure_us, 0)) AS closures,
                       array_agg(ai_touched) AS touched
                FROM w GROUP BY 1
            ), hc AS (
                SELECT (w.rn - 1) / \(chunk) AS chunk,
                       array_agg(w.rn) AS workflows,
                       array_agg(\(unescaped: classBy.handoffClassColumn)) AS classes,
                       array_agg(h.wait_us) AS waits,
                       (sum(count(*)) OVER ())::int8 AS handoffs,
                       -- For the interventions only (NULL otherwise); the tool pairs are the classes
                       -- already when classes are by tool.
                       array_agg(h.tool_pair) FILTER (WHERE \(handoffSides && classBy != .tool)) AS pairs,
                       array_agg(COALESCE(h.from_side, '')) FILTER (WHERE \(handoffSides)) AS from_sides,
                       array_agg(h.to_side) FILTER (WHERE \(handoffSides)) AS to_sides,
                       array_agg((date_part('epoch', h.handed_at - \(f)::timestamptz) * 1e6)::int8 - h.wait_us)
                           FILTER (WHERE \(handoffSides)) AS starts
                FROM report_source.handoffs AS h JOIN w USING (workflow_id)
                WHERE h.tenant_id = \(tenant) AND h.kind = 'handoff' AND (w.lead_us IS NOT NULL OR \(handoffSides))
                  -- Only the period's month partitions (migration 0010).
                  AND h.opened_month BETWEEN \(months.first) AND \(months.last)
                GROUP BY 1
            )
            SELECT wc.numbers, wc.categories, wc.severities, wc.opened, wc.leads, wc.touches, wc.intakes, wc.closures,
                   wc.touched, COALESCE(hc.workflows, '{}'), COALESCE(hc.classes, '{}'), COALESCE(hc.waits, '{}'),
                   (max(hc.handoffs) OVER ())::int8, wa.workflows, wa.inferred, wa.ping_pong, wa.efficiency50,
                   wa.efficiency90, hc.pairs, hc.from_sides, hc.to_sides, hc.starts
            FROM wc LEFT JOIN hc USING (chunk) CROSS JOIN wa
            """, logger: logger
        )
        var staging = ReportWorkflowStaging()
        if handoffSides { staging.interventionHandoffs = InterventionInputReader.Handoffs() }
        for try await row in rows.decode(
            (
                [Int32], CodedTextArray, CodedTextArray, [Int64], [Int64], [Int64], [Int64], [Int64], [Bool],
                [Int32], CodedTextArray, [Int64], Int64?, Int64, Int64, Double?, Double?, Double?, CodedTextArray?,
                CodedTextArray?, CodedTextArray?, [Int64]?
            ).self)
        {
            if handoffSides, let fromSides = row.19, let toSides = row.20, let starts = row.21 {
                staging.interventionHandoffs?.append(
                    workflows: row.9, pairs: row.18 ?? row.10, fromSides: fromSides, toSides: toSides, waits: row.11,
                    starts: starts)
            }
            let (numbers, categories, severities, opened, leads, touches, intakes, closures, touched) = (
                row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7, row.8
            )
            if staging.count == 0 { staging.reserveCapacity(workflows: Int(row.13), handoffs: Int(row.12 ?? 0)) }
            staging.append(
                numbers: numbers, categories: categories, severities: severities, opened: opened, leads: leads,
                touches: touches, intakes: intakes, closures: closures, touched: touched)
            staging.appendHandoffs(workflows: row.9, classes: row.10, waits: row.11)
            // Without workflows there are no rows: no inferred openings and no shares, as the
            // aggregates give over no rows.
            (staging.inferred, staging.pingPong, staging.efficiency50, staging.efficiency90) = (
                row.14, row.15, row.16, row.17
            )
        }
        return staging
    }

    /// Task columns: the statement numbers workflows exactly as the workflow statement does (same
    /// snapshot, same id order), so the numbers line up.
    static func taskStaging(
        on connection: PostgresConnection, tenant: String, from f: String, to t: String, months: ReportMonths,
        chunk: Int, logger: Logger
    )
        async throws -> ReportTaskStaging
    {
        let rows = try await connection.query(
            """
            WITH w AS MATERIALIZED (
                SELECT workflow_id, (row_number() OVER (ORDER BY workflow_id))::int4 AS rn
                FROM report_source.workflows
                WHERE tenant_id = \(tenant) AND opened_at >= \(f)::timestamptz AND opened_at < \(t)::timestamptz
            )
            SELECT array_agg(w.rn) AS workflows,
                   array_agg(t.task_type) AS types,
                   array_agg(COALESCE(t.assistant, '')) AS assistants,
                   array_agg(t.ai_mode <> 'none') AS ai,
                   array_agg(COALESCE(t.duration_us, -1)) AS durations,
                   array_agg((date_part('epoch', t.started_at - \(f)::timestamptz) * 1e6)::int8) AS started,
                   -- avg((t.stage IS NOT NULL)::int) over every task: numeric sum / numeric count,
                   -- the division avg itself does
                   (sum(sum((t.stage IS NOT NULL)::int)) OVER () / sum(count(*)) OVER ())::float8 AS staged,
                   (sum(count(*)) OVER ())::int8 AS tasks
            FROM report_source.tasks AS t JOIN w USING (workflow_id)
            WHERE t.tenant_id = \(tenant)
              AND t.opened_month BETWEEN \(months.first) AND \(months.last)
            GROUP BY (w.rn - 1) / \(chunk)
            """, logger: logger
        )
        var staging = ReportTaskStaging()
        for try await (workflows, types, assistants, ai, durations, started, staged, tasks) in rows.decode(
            ([Int32], CodedTextArray, CodedTextArray, [Bool], [Int64], [Int64], Double?, Int64).self)
        {
            if staging.count == 0 { staging.reserveCapacity(Int(tasks)) }
            staging.append(
                workflows: workflows, types: types, assistants: assistants, ai: ai, durations: durations,
                started: started)
            staging.staged = staged
        }
        return staging
    }

    /// Runs `body` in a read-only transaction that imports `snapshot` on a connection of its own,
    /// or, without a snapshot (a standby), on `fallback`, the caller's own connection.
    static func sharingSnapshot<T: Sendable>(
        _ snapshot: String?, tenant: String, client: PostgresClient, fallback: PostgresConnection?, logger: Logger,
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
            try await PostgresDatabase.enterTenant(tenant, on: connection, logger: logger)
            try await disableParallelWorkersAndRaiseWorkMem(on: connection, logger: logger)
            return try await body(connection)
        }
    }

    /// Settings of the report's transactions. The report already runs its statements side by side
    /// on connections of their own, so parallel workers on top only oversubscribe the cores (on
    /// two cores the default report took ~40 ms longer with them); and its sorts and hashes of a
    /// period's tasks and handoffs (~10 MB at 100,000 tasks) spilled to disk at the default 4 MB
    /// of `work_mem` (the task statement 25 ms longer). Larger periods still spill past 32 MB.
    static func disableParallelWorkersAndRaiseWorkMem(on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            "SELECT set_config('max_parallel_workers_per_gather', '0', true), set_config('work_mem', '32MB', true)",
            logger: logger
        ).drain()
    }

    /// The friction aggregates and the perceived ratings. `path`: ``ComputationPath/rollups`` sums
    /// the friction groups from the daily rollups (the caller checked that the period is whole UTC
    /// days and its rollups fresh in this snapshot), ``ComputationPath/rows`` reads the handoffs.
    static func frictionAndPerceptions(
        on connection: PostgresConnection, tenant: String, from f: String, to t: String, months: ReportMonths,
        classBy: HandoffClassing = .tool, path: ComputationPath = .rows, logger: Logger
    ) async throws -> (FrictionColumns, [(String, String)]) {
        let friction = try await Self.friction(
            on: connection, tenant: tenant, from: f, to: t, months: months, classBy: classBy, path: path,
            logger: logger)
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

    /// Friction: waiting hours by handoff class with the reasons analysts tagged, and the
    /// readiness shares, over one pass of the handoffs or of their daily sums
    /// (SQL/views/0010_handoff_friction.sql). `path` as ``frictionAndPerceptions``.
    static func friction(
        on connection: PostgresConnection, tenant: String, from f: String, to t: String, months: ReportMonths,
        classBy: HandoffClassing, path: ComputationPath, logger: Logger
    ) async throws -> FrictionColumns {
        try await connection.query(
            """
            SELECT * FROM report_source.handoff_friction(\(tenant), \(f)::timestamptz, \(t)::timestamptz,
                                                         \(months.first), \(months.last), \(classBy.rawValue),
                                                         \(path == .rollups))
            """, logger: logger
        ).collect(as: FrictionColumns.self).first!
    }

    typealias FrictionColumns = (
        [String], [Int64], [Int64], [Double], [Double], [String], [String], [Int64], Double?, Double?
    )

    /// The friction statement's classes with the reasons analysts tagged, largest wait first as
    /// the statement orders them: the report's and the preview's (``ReportPreview``) one reading.
    static func classFriction(_ friction: FrictionColumns) -> [ValueReport.ClassFriction] {
        let (classNames, waits, handoffs, means, carried, reasonClasses, reasons, reasonWaits, _, _) = friction
        var reasonsByClass: [String: [String: Double]] = [:]
        for i in reasons.indices {
            reasonsByClass[reasonClasses[i], default: [:]][reasons[i]] = Double(reasonWaits[i]) / 3.6e9
        }
        return classNames.indices.map { i in
            ValueReport.ClassFriction(
                handoffClass: classNames[i], waitingHours: Double(waits[i]) / 3.6e9, handoffs: Int(handoffs[i]),
                meanWaitMinutes: means[i] / 6e7, contextCarriedShare: carried[i],
                tagReasons: reasonsByClass[classNames[i]] ?? [:])
        }
    }

    /// Turns the columns into the report's input: finished tasks, and closed workflows with their
    /// class waits, task-type times and assistants (a workflow's assistants are those whose AI
    /// worked on it), all as coded columns. The task columns are reused in place.
    static func assemble(
        tenant: String, from: Timestamp, to: Timestamp, workflows w: consuming ReportWorkflowStaging,
        tasks staging: consuming ReportTaskStaging, friction: FrictionColumns, perceptionRows: [(String, String)],
        assistants: [AssistantMetadata], experiments: [Experiment] = [],
        arms: ExperimentArmsReader.Arms = ExperimentArmsReader.Arms()
    ) -> ReportInput {
        var names = staging.names
        // The workflow statement coded its strings on its own; its codes in `names`, by its code.
        let recode = w.names.strings.map { names.code($0) }
        let count = w.count
        // position[k] is where workflow number k + 1 sits in the workflow columns.
        var position = [Int32](repeating: 0, count: count)
        for (index, number) in w.number.enumerated() { position[Int(number) - 1] = Int32(index) }
        // Tasks and handoffs by workflow number (a counting sort): workflow k's are
        // order[start[k]..<start[k + 1]], in arrival order.
        func grouped(_ workflow: [Int32]) -> (start: [Int32], order: [Int32]) {
            var start = [Int32](repeating: 0, count: count + 1)
            for k in workflow { start[Int(k)] += 1 }
            for k in 0..<count { start[k + 1] += start[k] }
            var next = start
            var order = [Int32](repeating: 0, count: workflow.count)
            for (i, k) in workflow.enumerated() {
                order[Int(next[Int(k) - 1])] = Int32(i)
                next[Int(k) - 1] += 1
            }
            return (start, order)
        }

        // Each workflow's arms (value-model §7), as a run in the closed or open columns; none when
        // no workflow of the period was assigned, so the columns then carry no runs at all.
        let byArm = arms.workflow.isEmpty ? nil : grouped(arms.workflow)
        let armCodes = arms.experiment.map { names.code($0) }
        func addArms(_ k: Int, to columns: inout ReportWorkflowColumns) {
            guard let byArm else { return }
            for j in byArm.start[k]..<byArm.start[k + 1] {
                let a = Int(byArm.order[Int(j)])
                columns.addArm(armCodes[a], arms.holdout[a] ? .holdout : .use)
            }
            columns.endArms()
        }

        // Closed workflows in number order, with their class waits; then the handoffs go.
        var workflowColumns = ReportWorkflowColumns()
        workflowColumns.reserveCapacity(w.lead.reduce(0) { $1 >= 0 ? $0 + 1 : $0 })
        workflowColumns.classCode.reserveCapacity(w.handoffWait.count)
        workflowColumns.classWait.reserveCapacity(w.handoffWait.count)
        var intake: Int64 = 0
        var closure: Int64 = 0
        do {
            let byHandoff = grouped(w.handoffWorkflow)
            for k in 0..<count {
                let p = Int(position[k])
                guard w.lead[p] >= 0 else { continue }
                for j in byHandoff.start[k]..<byHandoff.start[k + 1] {
                    let h = Int(byHandoff.order[Int(j)])
                    workflowColumns.addClassWait(recode[Int(w.handoffClass[h])], w.handoffWait[h])
                }
                workflowColumns.endClassWaits()
                addArms(k, to: &workflowColumns)
                // The number its tasks carry, so a task finds its case's arm.
                workflowColumns.key.append(Int32(k + 1))
                intake += w.intake[p]
                closure += w.closure[p]
                workflowColumns.append(
                    category: recode[Int(w.category[p])], severity: recode[Int(w.severity[p])],
                    openedAt: from.microseconds + w.opened[p], lead: w.lead[p], touch: w.touch[p], intake: w.intake[p],
                    closure: w.closure[p], aiTouched: w.aiTouched[p])
            }
        }
        (w.handoffWorkflow, w.handoffClass, w.handoffWait) = ([], [], [])
        // Their task-type times and assistants (a workflow's assistants are those whose AI worked
        // on it). Open workflows get the same runs (every task type, finished or not, with zero
        // time), for the censoring diagnostics.
        var openColumns = ReportWorkflowColumns()
        do {
            let byTask = grouped(staging.workflow)
            let tasks = staging.columns
            for k in 0..<count {
                let p = Int(position[k])
                let closed = w.lead[p] >= 0
                var anyAI = false
                for j in byTask.start[k]..<byTask.start[k + 1] {
                    let i = Int(byTask.order[Int(j)])
                    if closed {
                        if tasks.duration[i] >= 0 { workflowColumns.addTypeTime(tasks.type[i], tasks.duration[i]) }
                        if tasks.aiTouched[i], tasks.assistant[i] >= 0 {
                            workflowColumns.addAssistant(tasks.assistant[i])
                        }
                    } else {
                        openColumns.addTypeTime(tasks.type[i], 0)
                        anyAI = anyAI || tasks.aiTouched[i]
                        if tasks.aiTouched[i], tasks.assistant[i] >= 0 { openColumns.addAssistant(tasks.assistant[i]) }
                    }
                }
                if closed {
                    workflowColumns.endTypeTimes()
                    workflowColumns.endAssistants()
                } else {
                    openColumns.endTypeTimes()
                    openColumns.endAssistants()
                    openColumns.endClassWaits()
                    addArms(k, to: &openColumns)
                    openColumns.append(
                        category: recode[Int(w.category[p])], severity: recode[Int(w.severity[p])],
                        openedAt: from.microseconds + w.opened[p], lead: 0, touch: 0, intake: 0, closure: 0,
                        aiTouched: anyAI)
                }
            }
        }
        // Finished tasks only, with their workflow's severity and absolute start, compacted in place.
        var tasks = staging.columns
        staging.columns = ReportTaskColumns()
        let finished = tasks.duration.reduce(0) { $1 >= 0 ? $0 + 1 : $0 }
        tasks.severity.reserveCapacity(finished)
        tasks.workflow.reserveCapacity(finished)
        var kept = 0
        for i in 0..<tasks.count where tasks.duration[i] >= 0 {
            let p = Int(position[Int(staging.workflow[i]) - 1])
            tasks.type[kept] = tasks.type[i]
            tasks.assistant[kept] = tasks.assistant[i]
            tasks.aiTouched[kept] = tasks.aiTouched[i]
            tasks.duration[kept] = tasks.duration[i]
            tasks.startedAt[kept] = from.microseconds + tasks.startedAt[i]
            tasks.workflow.append(staging.workflow[i])
            tasks.severity.append(recode[Int(w.severity[p])])
            kept += 1
        }
        staging.workflow = []
        let removed = kept..<tasks.type.count
        tasks.type.removeSubrange(removed)
        tasks.assistant.removeSubrange(removed)
        tasks.aiTouched.removeSubrange(removed)
        tasks.duration.removeSubrange(removed)
        tasks.startedAt.removeSubrange(removed)

        let (contextShare, taggedShare) = (friction.8, friction.9)
        var perceptions: [String: [ValueRating]] = [:]
        for (assistant, rating) in perceptionRows {
            if let r = ValueRating(rawValue: rating) { perceptions[assistant, default: []].append(r) }
        }
        return ReportInput(
            tenant: tenant, from: from, to: to, names: names, taskColumns: tasks,
            workflowColumns: workflowColumns, openWorkflowColumns: openColumns,
            openWorkflows: count - workflowColumns.count,
            inferredOpenings: Int(w.inferred),
            assistants: assistants, perceptions: perceptions,
            friction: ValueReport.Friction(
                topClasses: classFriction(friction),
                intakeHours: Double(intake) / 3.6e9, closureHours: Double(closure) / 3.6e9,
                pingPongShare: w.pingPong, contextCarriedShare: contextShare,
                flowEfficiencyMedian: w.efficiency50, flowEfficiencyP90: w.efficiency90),
            readiness: ValueReport.Readiness(
                tasksWithStageShare: staging.staged, handoffsWithContextShare: contextShare,
                waitingHoursTaggedShare: taggedShare),
            experiments: experiments)
    }
}
