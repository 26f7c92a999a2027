import BatonCore
import BatonStore
import BatonTestSupport
import Foundation
import PostgresNIO
import Testing

@Suite("Planner statistics before a report")
struct StatisticsRefreshTests {
    @Test("after a large load without ANALYZE the report refreshes the statistics first; a second report does not")
    func refresh() async throws {
        try await withFreshStorage { storage in
            let logger = TestDatabase.logger
            try await Self.loadUnanalysed(storage)
            // Statistics counters reach pg_stat after the writing transaction ends; give them a moment.
            var stale = false
            for _ in 0..<20 where !stale {
                try await Task.sleep(for: .milliseconds(250))
                stale = try await Self.modifiedSinceAnalyze(storage) > 1_000
            }
            #expect(stale, "the load should leave the tables unanalysed")
            _ = try await storage.reports.reportInput(
                tenant: "soc-1", from: Fixtures.at(-60), to: Fixtures.at(60 * 24), logger: logger)
            #expect(try await Self.modifiedSinceAnalyze(storage) == 0)
            #expect(try await storage.maintenance.analyzeIfStale(logger: logger) == false)
        }
    }

    /// Stores 1,500 workflows with two tasks each for tenant `soc-1`, with autovacuum off for the
    /// tables, so that only Baton can have analysed them.
    static func loadUnanalysed(_ storage: PostgresStorage) async throws {
        let logger = TestDatabase.logger
        // The fixtures' month partitions first, so that autovacuum can be switched off for them
        // (a partitioned parent has no storage of its own, and autovacuum never analyses it).
        try await storage.database.client.query(
            "SELECT baton_ensure_partitions(ARRAY[baton_month(\(Fixtures.at(0).rfc3339)::timestamptz)])",
            logger: logger)
        let tables = try await storage.database.client.query(
            """
            SELECT quote_ident(c.relname) FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r' AND (c.relname = 'workflows' OR c.relispartition)
            """, logger: logger
        ).collectValues(String.self)
        for table in tables {
            try await storage.database.client.query(
                PostgresQuery(unsafeSQL: "ALTER TABLE \(table) SET (autovacuum_enabled = off)"), logger: logger)
        }
        try await storage.tenants.ensureTenant("soc-1", deliveryModel: nil, logger: logger)
        var records: [Record] = []
        for k in 0..<1_500 {
            records.append(Fixtures.workflow("WF-\(k)", closed: 100))
            records.append(Fixtures.task("a-\(k)", workflow: "WF-\(k)", start: 1, end: 5))
            records.append(Fixtures.task("b-\(k)", workflow: "WF-\(k)", start: 20, end: 30, tool: "edr"))
        }
        _ = try await storage.ingest.ingest(records, tenant: "soc-1", logger: logger)
    }

    static func modifiedSinceAnalyze(_ storage: PostgresStorage) async throws -> Int64 {
        var total: Int64 = 0
        for try await n in try await storage.database.client.query(
            """
            SELECT COALESCE(sum(s.n_mod_since_analyze), 0)::int8
            FROM pg_stat_user_tables AS s JOIN pg_class AS c ON c.oid = s.relid
            WHERE s.schemaname = 'public' AND (s.relname = 'workflows' OR c.relispartition)
            """, logger: TestDatabase.logger
        ).decode(Int64.self) {
            total = n
        }
        return total
    }
}
