import BatonCore
import BatonStore
import BatonTestSupport
import Foundation
import Logging
import PostgresNIO
import Testing

@Suite("Friction from daily rollups (migration 0020) against PostgreSQL", .timeLimit(.minutes(10)))
struct HandoffFrictionRollupTests {
    let logger = TestDatabase.logger
    typealias F = Fixtures

    /// The friction function's row, as text, from the handoffs (`rollups` false) or from their
    /// daily sums, read in one snapshot of the tenant.
    static func friction(
        _ storage: PostgresStorage, tenant: String, from: String, to: String, classBy: String, rollups: Bool
    ) async throws -> String {
        try await storage.database.tenantTransaction(
            "read friction", tenant: tenant, snapshot: true, logger: TestDatabase.logger
        ) { connection in
            try await connection.query(
                """
                SELECT row(f.*)::text FROM report_source.handoff_friction(
                    \(tenant), \(from)::timestamptz, \(to)::timestamptz, '2000-01-01'::date, '2100-01-01'::date,
                    \(classBy), \(rollups)) AS f
                """, logger: TestDatabase.logger
            ).collectValues(String.self).first ?? ""
        }
    }

    /// Tags every seventh handoff of the tenant, cycling through the reasons, so the reason
    /// figures have something to sum.
    static func tagSome(_ storage: PostgresStorage, tenant: String) async throws -> Int {
        let ids = try await storage.database.client.query(
            """
            SELECT to_task_id FROM handoffs WHERE tenant_id = \(tenant) AND kind = 'handoff'
            ORDER BY to_task_id
            """, logger: TestDatabase.logger
        ).collectValues(String.self)
        let reasons = HandoffReason.allCases
        var tagged = 0
        for (n, id) in ids.enumerated() where n % 7 == 0 {
            let reason = reasons[(n / 7) % reasons.count]
            if try await storage.handoffs.tagHandoff(
                id: id, reason: reason, note: nil, tenant: tenant, by: nil, logger: TestDatabase.logger) != nil
            {
                tagged += 1
            }
        }
        return tagged
    }

    @Test(
        "on a simulated SOC with tagged handoffs, the friction function gives the same row from the daily rollups as from the handoffs, by tool and by assistant, over all days and over a window"
    )
    func simulatedSOCEqualsRows() async throws {
        try await withFreshStorage { storage in
            let tenant = try await TaskDurationRollupReaderTests.loadSimulatedSOC(storage, workflows: 2_000, seed: 29)
            #expect(try await Self.tagSome(storage, tenant: tenant) > 100)
            _ = try await storage.maintenance.maintain(now: Timestamp.now, retentionMonths: nil, logger: logger)
            for (from, to) in try await TaskDurationRollupReaderTests.span(storage, tenant: tenant) {
                for classBy in ["tool", "assistant"] {
                    let rows = try await Self.friction(
                        storage, tenant: tenant, from: from, to: to, classBy: classBy, rollups: false)
                    let rollups = try await Self.friction(
                        storage, tenant: tenant, from: from, to: to, classBy: classBy, rollups: true)
                    #expect(rows.count > 500, "classes, reasons and shares: \(rows.prefix(200))")
                    #expect(rows.contains("queue-wait"))
                    #expect(rollups == rows, "\(classBy) \(from)–\(to)")
                }
            }
        }
    }

    @Test(
        "the report's friction takes the rollups when the period is whole days and they are fresh; a tag makes them stale and the report reads the handoffs until the pass, then the rollups with the tag counted (fails without the rollup refresh)"
    )
    func reportTakesFreshRollups() async throws {
        try await withFreshStorage { storage in
            let tenant = try await TaskDurationRollupReaderTests.loadSimulatedSOC(storage, workflows: 600, seed: 31)
            _ = try await storage.maintenance.maintain(now: Timestamp.now, retentionMonths: nil, logger: logger)
            let (fromText, toText) = try #require(
                try await TaskDurationRollupReaderTests.span(storage, tenant: tenant).first)
            let (from, to) = (try #require(Timestamp(rfc3339: fromText)), try #require(Timestamp(rfc3339: toText)))
            func friction() async throws -> ValueReport.Friction {
                try await storage.reports.reportInput(tenant: tenant, from: from, to: to, logger: logger).friction
            }
            let fresh = try await friction()
            #expect(fresh.classesPath == .rollups)
            #expect(!fresh.topClasses.isEmpty)

            #expect(try await Self.tagSome(storage, tenant: tenant) > 10)
            let stale = try await friction()
            #expect(stale.classesPath == .rows, "a tag marked its month")
            #expect(stale.topClasses != fresh.topClasses, "the tags show as reasons")

            _ = try await storage.maintenance.maintain(now: Timestamp.now, retentionMonths: nil, logger: logger)
            let refreshed = try await friction()
            #expect(refreshed.classesPath == .rollups)
            var expected = stale
            expected.classesPath = .rollups
            #expect(refreshed == expected)

            // A period that does not start at midnight UTC reads the handoffs.
            let offset = try await storage.reports.reportInput(
                tenant: tenant, from: Timestamp(microseconds: from.microseconds + 3_600_000_000), to: to,
                logger: logger)
            #expect(offset.friction.classesPath == .rows)
        }
    }

    @Test("retirement keeps January's friction sums; a late January case is added to them")
    func retirementKeepsAndAddsSums() async throws {
        try await withFreshStorage { storage in
            let tenant = try await PostgresIngestRepositoryTests.tenant(storage)
            try await TaskDurationRollupReaderTests.januaryAndMarch(storage, tenant: tenant)
            _ = try #require(
                try await storage.handoffs.tagHandoff(
                    id: "b", reason: .toolSwitch, note: nil, tenant: tenant, by: nil, logger: logger))
            let now = try #require(Timestamp(rfc3339: "2026-04-15T12:00:00Z"))
            let (from, to) = ("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z")
            func friction(rollups: Bool) async throws -> String {
                try await Self.friction(storage, tenant: tenant, from: from, to: to, classBy: "tool", rollups: rollups)
            }
            _ = try await PostgresMaintenanceTests.settle(storage, now: now)
            let before = try await friction(rollups: false)
            #expect(before.contains("tool-switch"))
            #expect(try await friction(rollups: true) == before)

            _ = try await PostgresMaintenanceTests.settle(storage, now: now, retentionMonths: 2)
            #expect(try await friction(rollups: true) == before, "kept")
            #expect(try await friction(rollups: false) != before, "rows gone")

            // A late January case with the same handoff (its own tool pair, untagged): added.
            let j = PostgresMaintenanceTests.january
            _ = try await storage.ingest.ingest(
                [
                    F.workflow("JAN-2", opened: j, closed: j + 50),
                    F.task("f", workflow: "JAN-2", start: j, end: j + 5),
                    F.task("g", workflow: "JAN-2", start: j + 25, end: j + 50, tool: "edr"),
                ], tenant: tenant, logger: logger)
            let lateRows = try await friction(rollups: false)
            _ = try await PostgresMaintenanceTests.settle(storage, now: now, retentionMonths: 2)
            let added = try await friction(rollups: true)
            let sums = try await storage.database.client.query(
                """
                SELECT sum(handoffs)::int8, sum(wait_us)::int8 FROM handoff_friction_rollups
                WHERE tenant_id = \(tenant) AND day < '2026-02-01'
                """, logger: logger
            ).collect(as: (Int64, Int64).self).first
            let (handoffs, waited) = try #require(sums)
            #expect(handoffs == 2, "January's handoff and the late one")
            let minute: Int64 = 60_000_000
            #expect(waited == 25 * minute, "5 and 20 minutes of waiting")
            #expect(added != before && added != lateRows)
        }
    }
}
