import BatonCore
import Foundation
import Logging
import PostgresNIO

extension PostgresStorage {
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
        pass.partitionsCreated = try await run("create partitions", logger: logger) {
            try await client.query(
                """
                SELECT baton_ensure_partitions(ARRAY(SELECT baton_month(m) FROM unnest(\(ArrayBind.timestamptz(ahead))) AS m))::int8
                """, logger: logger
            ).collectValues(Int64.self).first.map(Int.init) ?? 0
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
        try await run("find months to retire", logger: logger) {
            try await client.query(
                """
                SELECT (extract(epoch FROM m) * 1000000)::int8 FROM (
                    SELECT to_date(right(c.relname, 7), 'YYYY"m"MM') AS m
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
        try await transaction("retire month", logger: logger) { connection in
            let state = try await connection.query(
                "SELECT cleared FROM retired_months WHERE month = baton_month(\(month.rfc3339)::timestamptz) FOR UPDATE", logger: logger
            ).collectValues(Bool.self).first
            switch state {
            case nil:
                try await connection.query("SELECT baton_rollup_month(baton_month(\(month.rfc3339)::timestamptz), false)", logger: logger)
                    .drain()
                try await connection.query(
                    "INSERT INTO retired_months (month) VALUES (baton_month(\(month.rfc3339)::timestamptz))", logger: logger
                ).drain()
            case true?:
                // Rows that arrived after the month was cleared: added to what is kept of it.
                try await connection.query("SELECT baton_rollup_month(baton_month(\(month.rfc3339)::timestamptz), true)", logger: logger)
                    .drain()
                try await connection.query(
                    "UPDATE retired_months SET cleared = false, retired_at = now() WHERE month = baton_month(\(month.rfc3339)::timestamptz)",
                    logger: logger
                ).drain()
            case false?:
                break  // counted in its rollups by a pass that did not finish clearing it
            }
        }
        try await run("retire month", logger: logger) {
            try await client.query(
                "DELETE FROM handoff_tags WHERE opened_month = baton_month(\(month.rfc3339)::timestamptz)", logger: logger
            ).drain()
            try await client.query(
                """
                DELETE FROM task_keys AS k USING tasks AS t
                WHERE t.opened_month = baton_month(\(month.rfc3339)::timestamptz) AND k.tenant_id = t.tenant_id AND k.task_id = t.task_id
                """, logger: logger
            ).drain()
            // DETACH … CONCURRENTLY cannot run in a transaction or a function, so the statements
            // are made by the server from the catalog (quoted with %I) and sent as they are.
            let statements = try await client.query(
                """
                SELECT format('ALTER TABLE public.%I DETACH PARTITION public.%I %s', p.relname, c.relname,
                              CASE WHEN i.inhdetachpending THEN 'FINALIZE' ELSE 'CONCURRENTLY' END),
                       format('DROP TABLE public.%I', c.relname)
                FROM pg_inherits AS i JOIN pg_class AS c ON c.oid = i.inhrelid JOIN pg_class AS p ON p.oid = i.inhparent
                WHERE i.inhparent IN ('public.tasks'::regclass, 'public.handoffs'::regclass)
                  AND to_date(right(c.relname, 7), 'YYYY"m"MM') = baton_month(\(month.rfc3339)::timestamptz)
                ORDER BY p.relname DESC
                """, logger: logger
            ).collect(as: (String, String).self)
            for (detach, drop) in statements {
                try await client.query(PostgresQuery(unsafeSQL: detach), logger: logger).drain()
                try await client.query(PostgresQuery(unsafeSQL: drop), logger: logger).drain()
            }
            // Detached partitions left by an interrupted pass (no longer in pg_inherits).
            let leftovers = try await client.query(
                """
                SELECT format('DROP TABLE public.%I', c.relname)
                FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relkind = 'r' AND NOT c.relispartition
                  AND c.relname IN ('tasks_' || to_char(baton_month(\(month.rfc3339)::timestamptz), '"y"YYYY"m"MM'),
                                    'handoffs_' || to_char(baton_month(\(month.rfc3339)::timestamptz), '"y"YYYY"m"MM'))
                """, logger: logger
            ).collectValues(String.self)
            for drop in leftovers { try await client.query(PostgresQuery(unsafeSQL: drop), logger: logger).drain() }
            try await client.query(
                "DELETE FROM workflows WHERE opened_month = baton_month(\(month.rfc3339)::timestamptz)", logger: logger
            ).drain()
            try await client.query(
                """
                WITH s AS (DELETE FROM rollup_state WHERE month = baton_month(\(month.rfc3339)::timestamptz))
                UPDATE retired_months SET cleared = true WHERE month = baton_month(\(month.rfc3339)::timestamptz)
                """, logger: logger
            ).drain()
        }
        logger.info("month retired: rows dropped, rollups kept")
    }

    /// Recomputes the rollups of each live month whose partitions were written since its last
    /// rollup (by PostgreSQL's write counters, read before the rollup's snapshot, so a write they
    /// miss moves them again and is rolled up next time). Returns the months recomputed.
    func rollUpChangedMonths(logger: Logger) async throws -> [Timestamp] {
        let changed = try await run("find changed months", logger: logger) {
            try await client.query(
                """
                SELECT (extract(epoch FROM p.month) * 1000000)::int8, p.changes
                FROM (
                    SELECT to_date(right(c.relname, 7), 'YYYY"m"MM') AS month,
                           sum(COALESCE(s.n_tup_ins + s.n_tup_upd + s.n_tup_del, 0))::int8 AS changes
                    FROM pg_inherits AS i JOIN pg_class AS c ON c.oid = i.inhrelid
                    LEFT JOIN pg_stat_user_tables AS s ON s.relid = c.oid
                    WHERE i.inhparent IN ('public.tasks'::regclass, 'public.handoffs'::regclass)
                    GROUP BY 1
                ) AS p
                LEFT JOIN rollup_state AS r USING (month)
                WHERE r.changes IS DISTINCT FROM p.changes
                  AND NOT EXISTS (SELECT 1 FROM retired_months AS x WHERE x.month = p.month)
                ORDER BY 1
                """, logger: logger
            ).collect(as: (Int64, Int64).self)
        }
        var done: [Timestamp] = []
        for (micros, changes) in changed {
            let month = Timestamp(microseconds: micros)
            try await transaction("roll up month", logger: logger) { connection in
                // One snapshot for both rollups of the month.
                try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ", logger: logger).drain()
                try await connection.query("SELECT baton_rollup_month(baton_month(\(month.rfc3339)::timestamptz), false)", logger: logger)
                    .drain()
                try await connection.query(
                    """
                    INSERT INTO rollup_state (month, changes) VALUES (baton_month(\(month.rfc3339)::timestamptz), \(changes))
                    ON CONFLICT (month) DO UPDATE SET changes = excluded.changes, rolled_up_at = now()
                    """, logger: logger
                ).drain()
            }
            done.append(month)
        }
        return done
    }
}
