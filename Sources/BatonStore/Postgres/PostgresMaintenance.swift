package import BatonCore
import Foundation
package import Logging
import PostgresNIO

/// Keeping the PostgreSQL database fit to serve: readiness, migrations, month partitions,
/// retention and rollups, planner statistics, the consistency check and pending derivations.
/// Runs as the tables' owner, across tenants.
package struct PostgresMaintenance: MaintenanceRepository {
    package let database: PostgresDatabase

    package init(database: PostgresDatabase) {
        self.database = database
    }

    package func isReady(logger: Logger) async -> Bool {
        do {
            // Bounded: while the database is away the pool would hold the probe for a minute.
            return try await DatabaseDeadline.run(within: database.probeLimit) {
                [migrator = database.migrator, client = database.client] in
                try await migrator.isCurrent(client: client, logger: logger)
            }
        } catch {
            logger.debug(
                "readiness check failed", metadata: ["baton.error": "\(String(reflecting: error))"])
            return false
        }
    }

    /// Applies the migrations, then derives what migration 0012 could not compute in SQL: the
    /// lineage and duplicated work of workflows stored before it (``derivePendingCoordination(pageSize:logger:)``).
    /// Every path that migrates (`baton migrate`, `baton serve`, `baton demo`) goes through here.
    @discardableResult
    package func migrate(logger: Logger) async throws -> [String] {
        let applied = try await database.migrator.migrate(client: database.client, logger: logger)
        let derived = try await derivePendingCoordination(logger: logger)
        if derived > 0 {
            logger.info("coordination derived for stored workflows", metadata: ["baton.workflows": "\(derived)"])
        }
        return applied
    }

    /// Re-derives the workflows marked `coordination_pending`, `pageSize` at a time, each page in
    /// a transaction of its own that locks its workflows as ingest does (so a batch arriving
    /// meanwhile waits, or is waited for). Cost is proportional to the marked workflows; after the
    /// first run none are marked and this is one index probe. Returns how many it derived.
    package func derivePendingCoordination(pageSize: Int = 500, logger: Logger) async throws -> Int {
        var total = 0
        while true {
            let derived = try await database.transaction("derive pending coordination", logger: logger) { connection in
                var session = SQLSession(connection: connection, logger: logger)
                let rows = try await session.query(
                    """
                    SELECT tenant_id, workflow_id, (extract(epoch FROM effective_opened_at) * 1000000)::int8
                    FROM workflows WHERE coordination_pending
                    ORDER BY tenant_id, workflow_id LIMIT \(pageSize)
                    """
                ).collect(as: (String, String, Int64?).self)
                guard let tenant = rows.first?.0 else { return 0 }
                let page = rows.filter { $0.0 == tenant }
                try await session.query(
                    "SELECT pg_advisory_xact_lock_shared(hashtextextended('baton partitions', 0))"
                ).drain()
                let ids = Set(page.map(\.1))
                try await HandoffWriter.lockWorkflows(ids, tenant: tenant, session: &session)
                var months: [String: Timestamp] = [:]
                for (_, id, opened) in page {
                    if let opened { months[id] = Timestamp(microseconds: opened).utcMonthStart }
                }
                try await HandoffWriter.recomputeHandoffs(of: ids, rowMonths: months, tenant: tenant, session: &session)
                // The coordination rollups (migration 0019) count the lineage just derived.
                try await PostgresIngestRepository.markRollupsDirty(
                    Set(months.values), tenant: tenant, session: &session)
                // A workflow that lost its tasks meanwhile has nothing to derive.
                try await session.query(
                    """
                    UPDATE workflows SET coordination_pending = false
                    WHERE tenant_id = \(tenant) AND workflow_id = ANY(\(Array(ids))::text[]) AND coordination_pending
                    """
                ).drain()
                return page.count
            }
            guard derived > 0 else { return total }
            total += derived
        }
    }

    /// Recomputes every workflow of a tenant from its stored tasks, with the same derivation ingest
    /// uses, and compares the result with the stored figures and handoffs (`baton check`).
    ///
    /// Runs in one read-only repeatable-read transaction, so a check beside live ingest sees one
    /// consistent snapshot; workflows are read a page at a time, so memory stays bounded.
    package func checkDerivedData(
        tenant: String, pageSize: Int = 500, differenceLimit: Int = 20, logger: Logger
    ) async throws -> ConsistencyReport {
        try await database.transaction("check derived data", logger: logger) { connection in
            var session = SQLSession(connection: connection, logger: logger)
            try await session.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            var report = ConsistencyReport()
            var after = ""
            while true {
                let ids = try await session.query(
                    """
                    SELECT workflow_id FROM workflows WHERE tenant_id = \(tenant) AND workflow_id > \(after)
                    ORDER BY workflow_id LIMIT \(pageSize)
                    """
                ).collectValues(String.self)
                guard let last = ids.last else { break }
                after = last
                try await DerivedDataComparison.compare(
                    ids, tenant: tenant, limit: differenceLimit, report: &report, session: &session)
            }
            let (tasks, keys) =
                try await session.query(
                    """
                    SELECT (SELECT count(*) FROM tasks WHERE tenant_id = \(tenant))::int8,
                           (SELECT count(*) FROM task_keys WHERE tenant_id = \(tenant))::int8
                    """
                ).collect(as: (Int, Int).self).first ?? (0, 0)
            report.tasks = tasks
            // Every task has its key (checked per page), so any further key names no stored task.
            if keys > tasks {
                report.misplacedRows += keys - tasks
                if report.differences.count < differenceLimit {
                    report.differences.append("\(keys - tasks) task keys name no stored task")
                }
            }
            return report
        }
    }

    /// The stale tables among `workflows` and the month partitions of `tasks` and `handoffs`
    /// (migration 0010), as quoted names. A partitioned parent is never analysed itself: that
    /// would sample and analyse every month, a cost in proportion to the archive; the planner
    /// reads the statistics of the partitions a statement touches.
    static func staleTablesQuery(fraction: Double) -> PostgresQuery {
        """
        SELECT quote_ident(s.relname) FROM pg_stat_user_tables AS s JOIN pg_class AS c ON c.oid = s.relid
        WHERE s.schemaname = 'public'
          AND (s.relname = 'workflows'
               OR EXISTS (SELECT 1 FROM pg_inherits AS i WHERE i.inhrelid = c.oid
                          AND i.inhparent IN ('public.tasks'::regclass, 'public.handoffs'::regclass)))
          AND s.n_mod_since_analyze > greatest(1000, s.n_live_tup * \(fraction))
        """
    }

    /// Refreshes the planner's statistics of `workflows` and of the month partitions of `tasks`
    /// and `handoffs` where more than
    /// `fraction` of a table (at least 1,000 rows) changed since its last ANALYZE, manual or
    /// automatic. Right after a large load through the API autovacuum has not run yet: the report's
    /// joins planned on empty-table statistics took minutes instead of a second, and ingest's key
    /// lookups went through the wrong index. The report calls it first (a fifth), and
    /// ``StatisticsRefresher`` every few seconds (a doubling, so a load from empty analyses each
    /// table about log2(rows / 1,000) times). Returns whether it analysed.
    @discardableResult
    package func analyzeIfStale(fraction: Double = 0.2, logger: Logger) async throws -> Bool {
        let stale = try await database.run("check statistics", logger: logger) {
            try await database.client.query(Self.staleTablesQuery(fraction: fraction), logger: logger).collectValues(
                String.self)
        }
        guard !stale.isEmpty else { return false }
        logger.info("refreshing planner statistics", metadata: ["baton.tables": "\(stale.sorted())"])
        for table in stale.sorted() {
            // The name is the catalog's, quoted by the server (quote_ident): no input reaches it.
            try await database.run("analyze", logger: logger) {
                try await database.client.query(PostgresQuery(unsafeSQL: "ANALYZE public.\(table)"), logger: logger)
            }
        }
        return true
    }

    /// Refreshes the planner's statistics after a bulk load, so the first report does not run on
    /// plans made for empty tables (autovacuum would get there, minutes later).
    package func analyzeAfterBulkLoad(logger: Logger) async throws {
        try await database.run("analyze", logger: logger) {
            try await database.client.query("ANALYZE workflows, tasks, handoffs, handoff_tags", logger: logger)
        }
    }

    /// How many months ahead of the current one `maintain` creates partitions, so that the
    /// first batch of a month does not have to.
    static let monthsAhead = 2

    /// One maintenance pass over every tenant (``PartitionMaintainer``, `baton serve`): creates
    /// the coming months' partitions, retires the months older than `retentionMonths` (if set),
    /// and recomputes the rollups of live months whose rows changed since their last rollup.
    ///
    /// Runs as the tables' owner. Each step is its own transaction and can be repeated: a pass
    /// cut short is finished by the next one.
    package func maintain(now: Timestamp, retentionMonths: Int?, logger: Logger) async throws -> MaintenancePass {
        var pass = MaintenancePass()
        let current = now.utcMonthStart
        let ahead = (0...Self.monthsAhead).map { current.utcMonthStart(plusMonths: $0) }
        pass.partitionsCreated = try await database.run("create partitions", logger: logger) {
            try await database.client.query(try MonthPartitions.ensuring(ahead), logger: logger)
                .collectValues(Int64.self).first.map(Int.init) ?? 0
        }
        if let retentionMonths {
            let cutoff = current.utcMonthStart(plusMonths: -retentionMonths)
            for month in try await monthsToRetire(before: cutoff, logger: logger) {
                try await retire(month, logger: logger)
                pass.monthsRetired.append(month)
            }
        }
        pass.monthsRolledUp = try await rollUpChangedMonths(logger: logger)
        return pass
    }

    /// Months before `cutoff` that still hold rows, or whose retirement was left unfinished.
    func monthsToRetire(before cutoff: Timestamp, logger: Logger) async throws -> [Timestamp] {
        try await database.run("find months to retire", logger: logger) {
            try await database.client.query(
                """
                SELECT (extract(epoch FROM m) * 1000000)::int8 FROM (
                    SELECT baton_partition_month(c.relname) AS m
                    FROM pg_inherits AS i JOIN pg_class AS c ON c.oid = i.inhrelid
                    WHERE i.inhparent IN ('public.tasks'::regclass, 'public.handoffs'::regclass)
                    UNION
                    SELECT opened_month FROM workflows WHERE opened_month < baton_month(\(cutoff.rfc3339)::timestamptz)
                    UNION
                    SELECT month FROM retired_months WHERE NOT cleared
                ) AS months
                WHERE m < baton_month(\(cutoff.rfc3339)::timestamptz)
                ORDER BY 1
                """, logger: logger
            ).collectValues(Int64.self).map(Timestamp.init(microseconds:))
        }
    }

    /// Drops one month's rows, keeping its rollups:
    /// 1. its rollups are computed (or, for rows that came after an earlier retirement, added)
    ///    and the month is marked retired, in one transaction;
    /// 2. its tags and task keys are deleted;
    /// 3. its partitions are detached concurrently (ingest into other months goes on) and dropped;
    /// 4. its workflows are deleted, and the month is marked cleared.
    func retire(_ month: Timestamp, logger: Logger) async throws {
        var retireLogger = logger
        retireLogger[metadataKey: "baton.month"] = "\(month.rfc3339.prefix(7))"
        let logger = retireLogger
        let clock = ContinuousClock()
        let started = clock.now
        try await database.transaction("retire month", logger: logger) { connection in
            let state = try await connection.query(
                "SELECT cleared FROM retired_months WHERE month = baton_month(\(month.rfc3339)::timestamptz) FOR UPDATE",
                logger: logger
            ).collectValues(Bool.self).first
            // false: counted in its rollups by a pass that did not finish clearing it. true: rows
            // that arrived after the month was cleared, added to what is kept of it.
            guard state != false else { return }
            try await connection.query(Self.rollUpWholeMonth(month, additive: state == true), logger: logger).drain()
            try await connection.query(
                """
                INSERT INTO retired_months (month) VALUES (baton_month(\(month.rfc3339)::timestamptz))
                ON CONFLICT (month) DO UPDATE SET cleared = false, retired_at = now()
                """, logger: logger
            ).drain()
        }
        try await database.run("retire month", logger: logger) {
            // Each step that changes what a report of the month reads raises the generation of its
            // tenants, in the same statement where it can (migration 0022).
            try await database.client.query(
                """
                WITH d AS (DELETE FROM handoff_tags WHERE opened_month = baton_month(\(month.rfc3339)::timestamptz)
                           RETURNING tenant_id)
                SELECT baton_raise_generations(ARRAY(SELECT DISTINCT tenant_id FROM d))
                """, logger: logger
            ).drain()
            try await database.client.query(
                """
                DELETE FROM task_keys AS k USING tasks AS t
                WHERE t.opened_month = baton_month(\(month.rfc3339)::timestamptz) AND k.tenant_id = t.tenant_id AND k.task_id = t.task_id
                """, logger: logger
            ).drain()
            // DETACH … CONCURRENTLY cannot run in a transaction or a function, so the statements
            // are made by the server from the catalog (quoted with %I) and sent as they are.
            let statements = try await database.client.query(
                """
                SELECT format('ALTER TABLE public.%I DETACH PARTITION public.%I %s', p.relname, c.relname,
                              CASE WHEN i.inhdetachpending THEN 'FINALIZE' ELSE 'CONCURRENTLY' END),
                       format('DROP TABLE public.%I', c.relname)
                FROM pg_inherits AS i JOIN pg_class AS c ON c.oid = i.inhrelid JOIN pg_class AS p ON p.oid = i.inhparent
                WHERE i.inhparent IN ('public.tasks'::regclass, 'public.handoffs'::regclass)
                  AND baton_partition_month(c.relname) = baton_month(\(month.rfc3339)::timestamptz)
                ORDER BY p.relname DESC
                """, logger: logger
            ).collect(as: (String, String).self)
            for (detach, drop) in statements {
                try await database.client.query(PostgresQuery(unsafeSQL: detach), logger: logger).drain()
                try await database.client.query(PostgresQuery(unsafeSQL: drop), logger: logger).drain()
            }
            // A detach cannot share a transaction: the generation rises right after it, from the
            // month's workflows, which are still there.
            if !statements.isEmpty {
                try await database.client.query(
                    """
                    SELECT baton_raise_generations(ARRAY(
                        SELECT DISTINCT tenant_id FROM workflows WHERE opened_month = baton_month(\(month.rfc3339)::timestamptz)))
                    """, logger: logger
                ).drain()
            }
            // Detached partitions left by an interrupted pass (no longer in pg_inherits).
            let leftovers = try await database.client.query(
                """
                SELECT format('DROP TABLE public.%I', c.relname)
                FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relkind = 'r' AND NOT c.relispartition
                  AND c.relname IN ('tasks_' || to_char(baton_month(\(month.rfc3339)::timestamptz), '"y"YYYY"m"MM'),
                                    'handoffs_' || to_char(baton_month(\(month.rfc3339)::timestamptz), '"y"YYYY"m"MM'))
                """, logger: logger
            ).collectValues(String.self)
            for drop in leftovers {
                try await database.client.query(PostgresQuery(unsafeSQL: drop), logger: logger).drain()
            }
            try await database.client.query(
                """
                WITH d AS (DELETE FROM workflows WHERE opened_month = baton_month(\(month.rfc3339)::timestamptz)
                           RETURNING tenant_id)
                SELECT baton_raise_generations(ARRAY(SELECT DISTINCT tenant_id FROM d))
                """, logger: logger
            ).drain()
            try await database.client.query(
                """
                WITH s AS (DELETE FROM rollup_dirty WHERE month = baton_month(\(month.rfc3339)::timestamptz)
                           RETURNING tenant_id),
                     c AS (UPDATE retired_months SET cleared = true
                           WHERE month = baton_month(\(month.rfc3339)::timestamptz))
                SELECT baton_raise_generations(ARRAY(SELECT DISTINCT tenant_id FROM s))
                """, logger: logger
            ).drain()
        }
        logger.info(
            "month retired: rows dropped, rollups kept",
            metadata: ["baton.timing.retire_ms": "\((clock.now - started).wholeMilliseconds)"])
    }

    /// The rollups of `month` for every tenant with a workflow in it.
    static func rollUpWholeMonth(_ month: Timestamp, additive: Bool) -> PostgresQuery {
        """
        SELECT baton_rollup_month(
            baton_month(\(month.rfc3339)::timestamptz),
            ARRAY(SELECT DISTINCT tenant_id FROM workflows WHERE opened_month = baton_month(\(month.rfc3339)::timestamptz)),
            \(additive))
        """
    }

    /// Recomputes the rollups of the tenant-months that ingest marked as changed (`rollup_dirty`),
    /// skipping retired months. The marks are deleted in the transaction that recomputes their
    /// months, under one snapshot: a batch that commits after it leaves its marks for the next
    /// pass. A retired month's marks stay until retention adds its late rows and clears them, so
    /// until then its rollups read as stale rather than as complete without those rows. Returns
    /// the months recomputed.
    func rollUpChangedMonths(logger: Logger) async throws -> [Timestamp] {
        let months = try await database.run("find changed months", logger: logger) {
            try await database.client.query(
                """
                SELECT DISTINCT (extract(epoch FROM d.month) * 1000000)::int8 FROM rollup_dirty AS d
                WHERE NOT EXISTS (SELECT 1 FROM retired_months AS r WHERE r.month = d.month)
                ORDER BY 1
                """,
                logger: logger
            ).collectValues(Int64.self).map(Timestamp.init(microseconds:))
        }
        var done: [Timestamp] = []
        for month in months {
            let rolled = try await database.transaction("roll up month", logger: logger) { connection in
                try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ", logger: logger).drain()
                return try await connection.query(
                    """
                    WITH seen AS (
                        DELETE FROM rollup_dirty
                        WHERE month = baton_month(\(month.rfc3339)::timestamptz)
                          AND NOT EXISTS (SELECT 1 FROM retired_months WHERE month = baton_month(\(month.rfc3339)::timestamptz))
                        RETURNING tenant_id
                    )
                    -- The tenants' generations rise with their marks gone (migration 0022).
                    SELECT baton_rollup_month(baton_month(\(month.rfc3339)::timestamptz), array_agg(DISTINCT tenant_id), false)::text,
                           baton_raise_generations(array_agg(DISTINCT tenant_id))::text
                    FROM seen
                    HAVING count(*) > 0
                    """, logger: logger
                ).collectValues(String.self).count > 0
            }
            if rolled { done.append(month) }
        }
        return done
    }
}
