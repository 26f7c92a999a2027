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
            try await client.query(try Self.ensuringPartitions(ahead), logger: logger)
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
        try await run("find months to retire", logger: logger) {
            try await client.query(
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
        try await transaction("retire month", logger: logger) { connection in
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
        try await run("retire month", logger: logger) {
            try await client.query(
                "DELETE FROM handoff_tags WHERE opened_month = baton_month(\(month.rfc3339)::timestamptz)",
                logger: logger
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
                  AND baton_partition_month(c.relname) = baton_month(\(month.rfc3339)::timestamptz)
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
                WITH s AS (DELETE FROM rollup_dirty WHERE month = baton_month(\(month.rfc3339)::timestamptz))
                UPDATE retired_months SET cleared = true WHERE month = baton_month(\(month.rfc3339)::timestamptz)
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
    /// skipping retired months (retention adds their late rows). The marks are deleted in the
    /// transaction that recomputes their months, under one snapshot: a batch that commits after
    /// it leaves its marks for the next pass. Returns the months recomputed.
    func rollUpChangedMonths(logger: Logger) async throws -> [Timestamp] {
        let months = try await run("find changed months", logger: logger) {
            try await client.query(
                "SELECT DISTINCT (extract(epoch FROM month) * 1000000)::int8 FROM rollup_dirty ORDER BY 1",
                logger: logger
            ).collectValues(Int64.self).map(Timestamp.init(microseconds:))
        }
        var done: [Timestamp] = []
        for month in months {
            let rolled = try await transaction("roll up month", logger: logger) { connection in
                try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ", logger: logger).drain()
                return try await connection.query(
                    """
                    WITH seen AS (
                        DELETE FROM rollup_dirty WHERE month = baton_month(\(month.rfc3339)::timestamptz)
                        RETURNING tenant_id
                    )
                    SELECT baton_rollup_month(baton_month(\(month.rfc3339)::timestamptz), array_agg(DISTINCT tenant_id), false)::text
                    FROM seen
                    WHERE NOT EXISTS (SELECT 1 FROM retired_months WHERE month = baton_month(\(month.rfc3339)::timestamptz))
                    HAVING count(*) > 0
                    """, logger: logger
                ).collectValues(String.self).count > 0
            }
            if rolled { done.append(month) }
        }
        return done
    }
}
