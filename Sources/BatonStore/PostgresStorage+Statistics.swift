import Logging
import PostgresNIO

extension PostgresStorage {
    /// Refreshes the planner's statistics when a fifth of a report table (at least 1,000 rows)
    /// changed since its last ANALYZE. Right after a large load through the API, autovacuum has
    /// not run yet, and the report's joins planned on empty-table statistics can take minutes
    /// instead of a second, and ingest's key lookups through the wrong index. The report calls it
    /// first, and ``StatisticsRefresher`` every few seconds. Returns whether it analysed.
    @discardableResult
    package func analyzeIfStale(logger: Logger) async throws -> Bool {
        let stale = try await run("check statistics", logger: logger) {
            try await client.query(
                """
                SELECT COALESCE(bool_or(n_mod_since_analyze > greatest(1000, n_live_tup / 5)), false)
                FROM pg_stat_user_tables
                WHERE schemaname = 'public' AND relname IN ('workflows', 'tasks', 'handoffs')
                """, logger: logger
            ).collectValues(Bool.self).first ?? false
        }
        guard stale else { return false }
        logger.info("refreshing planner statistics")
        try await analyzeAfterBulkLoad(logger: logger)
        return true
    }
}
