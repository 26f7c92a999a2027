import BatonCore
import BatonSimulation
import BatonStore
import BatonTestSupport
import Foundation
import PostgresNIO
import Testing

@testable import BatonCLI

@Suite("baton export with --read-database-url, against a real standby")
struct ExportCommandReplicaTests {
    /// Runs `baton export <kind>` for tenant soc-1 and returns the file it wrote.
    static func export(_ kind: [String], _ arguments: [String]) async throws -> String {
        let out = ExportCommandTests.temporary("out")
        defer { try? FileManager.default.removeItem(atPath: out) }
        try await ExportCommandTests.run(["export"] + kind + ["--tenant", "soc-1", "--out", out] + arguments)
        return try String(contentsOfFile: out, encoding: .utf8)
    }

    @Test("event log and survey read the standby within the lag allowed, else the primary")
    func exportsFromStandby() async throws {
        try await withReplicaPair { pair in
            try await TestDatabase.withClient(pair.primary) { primary in
                try await TestDatabase.withClient(pair.standby) { standby in
                    let storage = PostgresStorage(client: primary, migrations: try Migration.bundled())
                    try await storage.maintenance.migrate(logger: TestDatabase.logger)
                    var scenario = try Scenario.bundledDefault()
                    scenario.workflows = 40
                    _ = try await SimulationLoader(
                        simulator: SOCSimulator(scenario: scenario, seed: 3), storage: storage,
                        logger: TestDatabase.logger
                    ).load()
                    try await pair.waitForReplay(primary: primary, standby: standby)
                    let (onPrimary, viaStandby) = (
                        ["--database-url", pair.primary.url], ["--read-database-url", pair.standby.url]
                    )
                    let events = ["events", "--format", "ocel"]
                    let survey = ["survey", "--from", "2020-01-01", "--to", "2030-01-01"]
                    #expect(
                        try await Self.export(events, onPrimary + viaStandby)
                            == (try await Self.export(events, onPrimary)))
                    #expect(
                        try await Self.export(survey, onPrimary + viaStandby)
                            == (try await Self.export(survey, onPrimary)))

                    // Replay paused, more cases on the primary: a lag allowed is the standby's
                    // older log; none allowed, the primary's.
                    let before = try await Self.export(events, onPrimary)
                    _ = try await standby.query("SELECT pg_wal_replay_pause()").collect()
                    _ = try await storage.ingest.ingest(
                        [
                            Fixtures.workflow("LATE-1", closed: 30),
                            Fixtures.task("late-a", workflow: "LATE-1", start: 1, end: 2),
                        ],
                        tenant: "soc-1", logger: TestDatabase.logger)
                    let after = try await Self.export(events, onPrimary)
                    #expect(after != before)
                    #expect(
                        try await Self.export(events, onPrimary + viaStandby + ["--max-replica-lag", "86400"]) == before
                    )
                    #expect(
                        try await Self.export(events, onPrimary + viaStandby + ["--max-replica-lag", "0"]) == after)
                    _ = try await standby.query("SELECT pg_wal_replay_resume()").collect()
                }
            }
        }
    }
}
