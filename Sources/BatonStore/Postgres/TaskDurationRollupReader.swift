package import BatonCore
package import Logging
package import PostgresNIO

/// The task duration rollups of a tenant's days (migration 0018), merged over the days in SQL,
/// read in the caller's transaction (the report's snapshot, as `baton_service` in the tenant).
package enum TaskDurationRollupReader {
    /// The rollups of the workflows opened (UTC) on the days from `fromDay`'s to `toDay`'s,
    /// the latter excluded: one ``DurationRollup`` per key, its bins summed over the days, the
    /// per-type totals summed over the days, and whether the rollups are fresh.
    ///
    /// Fresh means no `rollup_dirty` mark of the tenant for a month the days touch. Ingest writes
    /// its marks in the transaction that writes the rows, and the maintenance pass deletes them in
    /// the one that recomputes the month, so within one snapshot no mark means the rollups count
    /// every row the snapshot shows. (Rows that reach an already retired month keep its mark until
    /// the next retirement adds them, so the month reads stale until then.)
    package static func read(
        on connection: PostgresConnection, tenant: String, fromDay: Timestamp, toDay: Timestamp, logger: Logger
    ) async throws -> TaskDurationRollups {
        let (from, to) = (PostgresDate(fromDay), PostgresDate(toDay))
        let fresh = try await RollupFreshness.isFresh(
            on: connection, tenant: tenant, fromDay: fromDay, toDay: toDay, logger: logger)
        let rows = try await connection.query(
            """
            WITH days AS (
                SELECT * FROM report_source.task_duration_bins
                WHERE tenant_id = \(tenant) AND day >= \(from) AND day < \(to)
            ), cells AS (
                SELECT d.task_type, d.ai_mode, d.assistant, d.severity, c.bin, sum(c.n)::int8 AS n
                FROM days AS d, unnest(d.bins, d.counts) AS c(bin, n)
                GROUP BY 1, 2, 3, 4, 5
            ), histograms AS (
                SELECT task_type, ai_mode, assistant, severity, array_agg(bin ORDER BY bin) AS bins,
                       array_agg(n ORDER BY bin) AS counts
                FROM cells GROUP BY 1, 2, 3, 4
            ), sums AS (
                SELECT task_type, ai_mode, assistant, severity, sum(duration_us)::int8 AS duration_us
                FROM days GROUP BY 1, 2, 3, 4
            )
            SELECT s.task_type, s.ai_mode, s.assistant, s.severity, h.bins, h.counts, s.duration_us
            FROM sums AS s JOIN histograms AS h USING (task_type, ai_mode, assistant, severity)
            """, logger: logger
        ).collect(as: (String, String, String, String, [Int32], [Int64], Int64).self)
        var entries: [TaskDurationRollups.Key: DurationRollup] = [:]
        for (taskType, aiMode, assistant, severity, bins, counts, sum) in rows {
            guard let histogram = DurationHistogram(bins: bins, counts: counts) else {
                throw TaskDurationRollupError.notCanonical(taskType: taskType, aiMode: aiMode)
            }
            let key = TaskDurationRollups.Key(
                taskType: taskType, aiMode: aiMode, assistant: assistant.isEmpty ? nil : assistant, severity: severity)
            entries[key] = DurationRollup(histogram: histogram, sum: sum)
        }
        let totals = try await connection.query(
            """
            SELECT task_type, sum(tasks)::int8, sum(workflows)::int8 FROM report_source.task_type_totals
            WHERE tenant_id = \(tenant) AND day >= \(from) AND day < \(to)
            GROUP BY 1
            """, logger: logger
        ).collect(as: (String, Int64, Int64).self)
        return TaskDurationRollups(
            entries: entries, typeTasks: Dictionary(uniqueKeysWithValues: totals.map { ($0.0, $0.1) }),
            typeWorkflows: Dictionary(uniqueKeysWithValues: totals.map { ($0.0, $0.2) }), fresh: fresh)
    }
}
