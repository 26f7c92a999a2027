import BatonCore
import BatonStore
import BatonTestSupport
import Foundation
import Logging
import PostgresNIO
import Testing

@Suite("Migrations 0019–0021 on a database that holds rows", .timeLimit(.minutes(10)))
struct RollupMigrationTests {
    let logger = TestDatabase.logger

    @Test(
        "upgrading a database with rows marks its months: the report reads rows until the first pass fills the new rollups, then reads them with the same figures"
    )
    func upgradeReadsRowsUntilThePass() async throws {
        let bundled = try Migration.bundled()
        let before = bundled.filter { $0.version < 19 }
        #expect(before.count == 18)
        try await withFreshDatabase(migrate: false) { endpoint in
            try await TestDatabase.withClient(endpoint) { client in
                try await Migrator(migrations: before).migrate(client: client, logger: logger)
                let old = PostgresStorage(client: client, migrations: before)
                let tenant = try await TaskDurationRollupReaderTests.loadSimulatedSOC(
                    old, workflows: 400, seed: 43, scenario: "costs")
                // The old rollups are current: nothing is marked before the upgrade. The pass of a
                // server at 0018, in its own statement: today's pass also raises the tenants'
                // generations (migration 0022), which 0018 does not have.
                try await client.query(
                    """
                    WITH seen AS (DELETE FROM rollup_dirty RETURNING tenant_id, month)
                    SELECT baton_rollup_month(month, array_agg(DISTINCT tenant_id), false)::text FROM seen GROUP BY month
                    """, logger: logger
                ).drain()
                #expect(
                    try await client.query("SELECT count(*)::int8 FROM rollup_dirty", logger: logger)
                        .collectValues(Int64.self) == [0])

                try await Migrator(migrations: bundled).migrate(client: client, logger: logger)
                let storage = PostgresStorage(client: client, migrations: bundled)
                let (fromText, toText) = try #require(
                    try await TaskDurationRollupReaderTests.span(storage, tenant: tenant).first)
                let (from, to) = (try #require(Timestamp(rfc3339: fromText)), try #require(Timestamp(rfc3339: toText)))
                func input() async throws -> ReportInput {
                    try await storage.reports.reportInput(tenant: tenant, from: from, to: to, logger: logger)
                }
                let upgraded = try await input()
                #expect(upgraded.coordination.path == .rows)
                #expect(upgraded.friction.classesPath == .rows)
                #expect(upgraded.tokenUsagePath == .rows)
                #expect(!upgraded.friction.topClasses.isEmpty && upgraded.tokenUsage.contains { $0.inputTokens > 0 })

                _ = try await storage.maintenance.maintain(now: Timestamp.now, retentionMonths: nil, logger: logger)
                let filled = try await input()
                #expect(filled.coordination.path == .rollups)
                #expect(filled.friction.classesPath == .rollups)
                #expect(filled.tokenUsagePath == .rollups)
                #expect(filled.friction.topClasses == upgraded.friction.topClasses)
                #expect(filled.tokenUsage == upgraded.tokenUsage)
                #expect(
                    filled.coordination.handoffs.map { [$0.handoffs, $0.contextCarried, $0.reworked] }
                        == upgraded.coordination.handoffs.map { [$0.handoffs, $0.contextCarried, $0.reworked] })
            }
        }
    }
}
