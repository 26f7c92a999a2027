import ArgumentParser
import BatonCore
import BatonStore
import BatonTestSupport
import Foundation
import PostgresNIO
import Testing

@testable import BatonCLI

@Suite("baton demo, simulate and import against PostgreSQL", .timeLimit(.minutes(10)))
struct DemoCommandTests {
    static func count(_ endpoint: DatabaseEndpoint, _ query: PostgresQuery) async throws -> Int64 {
        try await TestDatabase.withClient(endpoint) { client in
            var values: [Int64] = []
            for try await value in try await client.query(query, logger: TestDatabase.logger).decode(Int64.self) {
                values.append(value)
            }
            return values.first ?? -1
        }
    }

    /// The ended tasks the duration histograms (migration 0018) count, summed over their bins; after
    /// `--reset` the old ones must be gone, or they would count twice.
    static let binnedTasks: PostgresQuery =
        "SELECT COALESCE(sum(c), 0)::int8 FROM task_duration_bins, unnest(counts) AS c"

    @Test("demo --no-serve loads a small scenario, reuses it the second time, reloads with --reset")
    func demoFlow() async throws {
        try await withFreshDatabase(migrate: false) { endpoint in
            let args = ["--no-serve", "--workflows", "150", "--database-url", endpoint.url, "--log-level", "error"]
            var demo = try DemoCommand.parseAsRoot(args)
            try await (demo as! DemoCommand).run()
            let workflows: PostgresQuery = "SELECT count(*)::int8 FROM workflows WHERE tenant_id = 'soc-1'"
            #expect(try await Self.count(endpoint, workflows) == 150)
            let registered: PostgresQuery =
                "SELECT count(*)::int8 FROM assistants WHERE tenant_id = 'soc-1' AND registered_at IS NOT NULL"
            #expect(try await Self.count(endpoint, registered) == 5)
            let tasksBefore = try await Self.count(endpoint, "SELECT count(*)::int8 FROM tasks")
            // Analysts' tags land on existing handoffs; every assistant has perceived ratings.
            #expect(try await Self.count(endpoint, "SELECT count(*)::int8 FROM handoff_tags") > 0)
            #expect(
                try await Self.count(endpoint, "SELECT count(DISTINCT assistant)::int8 FROM perceptions") == 5)
            #expect(tasksBefore > 150 * 3)
            // The rollups are there at once, and count every task.
            #expect(
                try await Self.count(endpoint, "SELECT COALESCE(sum(tasks), 0)::int8 FROM task_rollups") == tasksBefore)
            let ended = try await Self.count(endpoint, "SELECT count(ended_at)::int8 FROM tasks")
            #expect(ended > 0)
            #expect(try await Self.count(endpoint, Self.binnedTasks) == ended)

            // Second run: the data is reused, not loaded twice.
            let updatedBefore = try await Self.count(
                endpoint, "SELECT (extract(epoch FROM max(updated_at)) * 1000000)::int8 FROM tasks")
            demo = try DemoCommand.parseAsRoot(args)
            try await (demo as! DemoCommand).run()
            #expect(try await Self.count(endpoint, workflows) == 150)
            #expect(
                try await Self.count(
                    endpoint, "SELECT (extract(epoch FROM max(updated_at)) * 1000000)::int8 FROM tasks")
                    == updatedBefore)

            // --reset deletes and loads again: same counts, new rows.
            demo = try DemoCommand.parseAsRoot(args + ["--reset"])
            try await (demo as! DemoCommand).run()
            #expect(try await Self.count(endpoint, workflows) == 150)
            #expect(try await Self.count(endpoint, "SELECT count(*)::int8 FROM tasks") == tasksBefore)
            #expect(
                try await Self.count(
                    endpoint, "SELECT (extract(epoch FROM min(updated_at)) * 1000000)::int8 FROM tasks")
                    > updatedBefore)
            #expect(
                try await Self.count(endpoint, "SELECT COALESCE(sum(tasks), 0)::int8 FROM task_rollups") == tasksBefore)
            #expect(try await Self.count(endpoint, Self.binnedTasks) == ended)
            // Three demo runs, three tokens: each run prints a fresh one.
            #expect(try await Self.count(endpoint, "SELECT count(*)::int8 FROM api_tokens") == 3)
        }
    }

    @Test("the import path and the direct path store identical data")
    func importMatchesDirectLoad() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "baton-sim-\(UUID().uuidString).ndjson"
        )
        .path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let common = ["--workflows", "250", "--seed", "7", "--log-level", "error"]
        let written = try SimulateCommand.parseAsRoot(common + ["--out", file])
        try await (written as! SimulateCommand).run()

        let snapshot: @Sendable (DatabaseEndpoint) async throws -> [String] = { endpoint in
            try await TestDatabase.withClient(endpoint) { client in
                var rows: [String] = []
                for query: PostgresQuery in [
                    """
                    SELECT concat_ws('|', workflow_id, reported, opened_at, closed_at, severity, category,
                           lead_us, touch_us, wait_us, effort_us, intake_us, handoff_wait_us, closure_us,
                           ai_touched, ping_pong, task_count)
                    FROM workflows WHERE tenant_id = 'soc-1' ORDER BY workflow_id
                    """,
                    """
                    SELECT concat_ws('|', task_id, workflow_id, task_type, stage, tool, actor, assistant, ai_mode,
                           started_at, ended_at, context_from)
                    FROM tasks WHERE tenant_id = 'soc-1' ORDER BY task_id
                    """,
                    """
                    SELECT concat_ws('|', workflow_id, to_task_id, seq, kind, from_task_id, wait_us, handed_at,
                           from_tool, to_tool, cross_tool, ai_boundary, context_carried)
                    FROM handoffs WHERE tenant_id = 'soc-1' ORDER BY workflow_id, to_task_id
                    """,
                ] {
                    for try await row in try await client.query(query, logger: TestDatabase.logger).decode(String.self)
                    {
                        rows.append(row)
                    }
                }
                return rows
            }
        }

        let direct = try await withFreshDatabase { endpoint in
            let direct = try SimulateCommand.parseAsRoot(common + ["--database-url", endpoint.url])
            try await (direct as! SimulateCommand).run()
            return try await snapshot(endpoint)
        }
        let imported = try await withFreshDatabase { endpoint in
            let command = try ImportCommand.parseAsRoot(
                [file, "--tenant", "soc-1", "--database-url", endpoint.url, "--log-level", "error"])
            try await (command as! ImportCommand).run()
            return try await snapshot(endpoint)
        }
        #expect(direct.count > 250 * 5)
        #expect(direct.count == imported.count)
        let firstDifference = zip(direct, imported).first { $0 != $1 }
        #expect(firstDifference == nil, "first differing row: \(String(describing: firstDifference))")
    }

    @Test("import reports bad lines by line number and stores the rest")
    func importRejections() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "baton-bad-\(UUID().uuidString).ndjson"
        )
        .path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let lines = [
            #"{"type":"workflow","workflow_id":"W1","opened_at":"2026-03-02T10:00:00Z","closed_at":"2026-03-02T11:00:00Z"}"#,
            "not json",
            #"{"type":"task","id":"t1","workflow_id":"W1","task_type":"x","tool":"siem","ai_mode":"none","started_at":"2026-03-02T10:10:00Z","ended_at":"2026-03-02T10:20:00Z"}"#,
            #"{"type":"task","id":"t2","workflow_id":"W1","task_type":"x","tool":"siem","ai_mode":"maybe","started_at":"2026-03-02T10:10:00Z"}"#,
        ]
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: file))
        try await withFreshDatabase { endpoint in
            let (result, rejected) = try await TestDatabase.withClient(endpoint) { client in
                let storage = PostgresStorage(client: client, migrations: try Migration.bundled())
                try await storage.tenants.ensureTenant("t", deliveryModel: nil, logger: TestDatabase.logger)
                return try await RecordLoader(ingest: storage.ingest, tenant: "t", logger: TestDatabase.logger)
                    .importNDJSON(at: file)
            }
            #expect(result.accepted == 2)
            #expect(rejected.map(\.index) == [2, 4])
            #expect(rejected.last?.error.contains("'ai_mode'") == true)
            #expect(rejected.last?.id == "t2")
        }
    }
}
