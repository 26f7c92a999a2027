import BatonCore
import BatonStore
import BatonTestSupport
import Foundation
import PostgresNIO
import Testing

@Suite("Migration 0010: a stored archive moves into month partitions")
struct MonthlyPartitionsMigrationTests {
    let logger = TestDatabase.logger
    typealias F = Fixtures

    /// The rows of every table a 0009 database holds, as JSON, without the columns 0010 added.
    static let tables = ["tenants", "assistants", "workflows", "tasks", "handoffs", "handoff_tags"]

    @Test("rows written before 0010 land in their workflow's month, keep their tags and pass baton check")
    func archiveMoves() async throws {
        let bundled = try Migration.bundled()
        let before0010 = bundled.filter { $0.version < 10 }
        #expect(before0010.count == 9)
        // The archive: made by today's ingest (so its derived figures are right), then written
        // into a database at migration 0009 with the columns 0009 knew.
        let (archive, expected) = try await withFreshStorage { storage in
            _ = try await storage.tokens.createToken(tenant: "soc-a", role: .ingest, label: nil, logger: logger)
            let j = -60.0 * 24 * 40
            try await storage.ingest.ingest(
                [
                    F.workflow("JAN", opened: j, closed: j + 100), F.task("a", workflow: "JAN", start: j, end: j + 5),
                    F.task("b", workflow: "JAN", start: j + 10, end: j + 20, tool: "edr"),
                    F.workflow("MAR", opened: 0, closed: 100),
                    F.task("c", workflow: "MAR", start: 0, end: 5, aiMode: .assisted, assistant: "copilot"),
                    F.task("d", workflow: "MAR", start: 10, end: 50, tool: "edr"),
                ], tenant: "soc-a", logger: logger)
            _ = try await storage.handoffs.tagHandoff(
                id: "b", reason: .toolSwitch, note: "old", tenant: "soc-a", by: nil, logger: logger)
            _ = try await storage.handoffs.tagHandoff(
                id: "b", reason: .queueWait, note: "newer", tenant: "soc-a", by: nil, logger: logger)
            let archive = try await SchemaArchive.dump(
                storage.database.client, tables: Self.tables,
                dropping: Dictionary(uniqueKeysWithValues: Self.tables.map { ($0, ["opened_month"]) }), logger: logger)
            let placement = try await PostgresMaintenanceTests.placement(storage, tenant: "soc-a")
            return (archive, placement)
        }
        #expect(expected["task a"] == "tasks_y2026m01")
        #expect(expected["tag b"] == "2026-01,2026-01")

        try await withFreshDatabase(migrate: false) { endpoint in
            try await TestDatabase.withClient(endpoint) { client in
                try await Migrator(migrations: before0010).migrate(client: client, logger: logger)
                try await SchemaArchive.restore(archive, tables: Self.tables, into: client, logger: logger)
                let applied = try await Migrator(migrations: bundled).migrate(client: client, logger: logger)
                #expect(
                    applied == bundled.filter { $0.version >= 10 }.map(\.name)
                        + (try ViewScript.bundled()).map { "views/\($0.name)" })

                let storage = PostgresStorage(client: client, migrations: bundled)
                #expect(try await PostgresMaintenanceTests.placement(storage, tenant: "soc-a") == expected)
                let report = try await storage.maintenance.checkDerivedData(tenant: "soc-a", logger: logger)
                #expect(report.isConsistent, "\(report.differences)")
                #expect(report.tasks == 4)
                let w = try #require(try await storage.reports.workflow(id: "JAN", tenant: "soc-a", logger: logger))
                #expect(w.handoffs.first { $0.handoff.toTaskID == "b" }?.tags.map(\.note) == ["old", "newer"])
                // Ingest goes on where the archive left off: a repeat is a duplicate, a new task is stored.
                let again = try await storage.ingest.ingest(
                    [
                        F.task("d", workflow: "MAR", start: 10, end: 50, tool: "edr"),
                        F.task("e", workflow: "MAR", start: 60, end: 70),
                    ],
                    tenant: "soc-a", logger: logger)
                #expect(again.accepted == 1)
                #expect(again.duplicates == 1)
            }
        }
    }
}
