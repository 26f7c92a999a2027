import BatonCore
import BatonStore
import BatonTestSupport
import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle
import Testing

@Suite("Planner statistics refreshed in the background", .timeLimit(.minutes(10)))
struct StatisticsRefresherTests {
    @Test("the service analyses tables a load left stale, then stops on graceful shutdown")
    func refreshesAndStops() async throws {
        try await withFreshStorage { storage in
            let logger = TestDatabase.logger
            try await StatisticsRefreshTests.loadUnanalysed(storage)

            let refresher = StatisticsRefresher(
                maintenance: storage.maintenance, interval: .milliseconds(100), logger: logger)
            let group = ServiceGroup(
                configuration: .init(services: [refresher], gracefulShutdownSignals: [], logger: logger))
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                // Counters reach pg_stat after the load's transaction; the service then needs a round.
                var analysed = false
                for _ in 0..<120 where !analysed {
                    try await Task.sleep(for: .milliseconds(250))
                    analysed = try await Self.analysedTables(storage) == 3
                }
                #expect(
                    analysed, "workflows and the month's tasks and handoffs should have been analysed by the service")
                await group.triggerGracefulShutdown()
                // run() returns on shutdown; a hang here fails the test by its time limit.
                try await tasks.waitForAll()
            }
        }
    }

    /// How many of the ingest tables (workflows and the fixtures' one month partition of tasks and
    /// of handoffs) have been analysed by an explicit ANALYZE.
    static func analysedTables(_ storage: PostgresStorage) async throws -> Int64 {
        var total: Int64 = 0
        for try await n in try await storage.database.client.query(
            """
            SELECT count(*)::int8 FROM pg_stat_user_tables AS s JOIN pg_class AS c ON c.oid = s.relid
            WHERE s.schemaname = 'public' AND (s.relname = 'workflows' OR c.relispartition)
              AND s.last_analyze IS NOT NULL
            """, logger: TestDatabase.logger
        ).decode(Int64.self) {
            total = n
        }
        return total
    }
}
