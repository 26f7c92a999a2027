import Logging
import PostgresNIO

extension PostgresStorage {
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
        let stale = try await run("check statistics", logger: logger) {
            try await client.query(Self.staleTablesQuery(fraction: fraction), logger: logger).collectValues(String.self)
        }
        guard !stale.isEmpty else { return false }
        logger.info("refreshing planner statistics", metadata: ["baton.tables": "\(stale.sorted())"])
        for table in stale.sorted() {
            // The name is the catalog's, quoted by the server (quote_ident): no input reaches it.
            try await run("analyze", logger: logger) {
                try await client.query(PostgresQuery(unsafeSQL: "ANALYZE public.\(table)"), logger: logger)
            }
        }
        return true
    }
}
