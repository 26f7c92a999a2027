import Logging
import PostgresNIO

extension PostgresStorage {
    /// The tables whose planner statistics matter to ingest and the report.
    static let plannedTables: [String: PostgresQuery] = [
        "workflows": "ANALYZE workflows", "tasks": "ANALYZE tasks", "handoffs": "ANALYZE handoffs",
    ]

    /// Refreshes the planner's statistics of `workflows`, `tasks` and `handoffs` where more than
    /// `fraction` of a table (at least 1,000 rows) changed since its last ANALYZE, manual or
    /// automatic. Right after a large load through the API autovacuum has not run yet: the report's
    /// joins planned on empty-table statistics took minutes instead of a second, and ingest's key
    /// lookups went through the wrong index. The report calls it first (a fifth), and
    /// ``StatisticsRefresher`` every few seconds (a doubling, so a load from empty analyses each
    /// table about log2(rows / 1,000) times). Returns whether it analysed.
    @discardableResult
    package func analyzeIfStale(fraction: Double = 0.2, logger: Logger) async throws -> Bool {
        let stale = try await run("check statistics", logger: logger) {
            try await client.query(
                """
                SELECT relname::text FROM pg_stat_user_tables
                WHERE schemaname = 'public' AND relname IN ('workflows', 'tasks', 'handoffs')
                  AND n_mod_since_analyze > greatest(1000, n_live_tup * \(fraction))
                """, logger: logger
            ).collectValues(String.self)
        }
        let statements = stale.sorted().compactMap { Self.plannedTables[$0] }
        guard !statements.isEmpty else { return false }
        logger.info("refreshing planner statistics", metadata: ["baton.tables": "\(stale.sorted())"])
        for statement in statements {
            try await run("analyze", logger: logger) { try await client.query(statement, logger: logger) }
        }
        return true
    }
}
