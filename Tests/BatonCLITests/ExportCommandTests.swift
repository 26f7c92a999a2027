import ArgumentParser
import BatonCore
import BatonReports
import BatonSimulation
import BatonStore
import BatonTestSupport
import Foundation
import PostgresNIO
import Testing

@testable import BatonCLI

@Suite("baton export and baton import perceptions against PostgreSQL")
struct ExportCommandTests {
    static func temporary(_ suffix: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("baton-\(UUID().uuidString).\(suffix)").path
    }

    /// A small simulated SOC (tenant soc-1), loaded into a fresh database.
    static func withSimulatedSOC(
        workflows: Int, _ body: @Sendable (DatabaseEndpoint, PostgresStorage) async throws -> Void
    ) async throws {
        try await withFreshDatabase { endpoint in
            try await TestDatabase.withClient(endpoint) { client in
                let storage = PostgresStorage(client: client, migrations: try Migration.bundled())
                var scenario = try Scenario.bundledDefault()
                scenario.workflows = workflows
                _ = try await SimulationLoader(
                    simulator: SOCSimulator(scenario: scenario, seed: 3), storage: storage, logger: TestDatabase.logger
                ).load()
                try await body(endpoint, storage)
            }
        }
    }

    static func run(_ arguments: [String]) async throws {
        let command = try BatonCommand.parseAsRoot(arguments)
        switch command {
        case let c as ExportSurveyCommand: try await c.run()
        case let c as ExportEventsCommand: try await c.run()
        case let c as ImportPerceptionsCommand: try await c.run()
        default: Issue.record("unexpected command \(type(of: command))")
        }
    }

    static func count(_ storage: PostgresStorage, _ query: PostgresQuery) async throws -> Int {
        var values: [Int64] = []
        for try await value in try await storage.database.client.query(query, logger: TestDatabase.logger).decode(
            Int64.self)
        {
            values.append(value)
        }
        return values.first.map(Int.init) ?? -1
    }

    @Test(
        "export survey writes the report's CSV: the SOC row, one row per assistant, delivery model; --anonymize hides names"
    )
    func survey() async throws {
        try await Self.withSimulatedSOC(workflows: 400) { endpoint, storage in
            let out = Self.temporary("csv")
            defer { try? FileManager.default.removeItem(atPath: out) }
            let common = [
                "--database-url", endpoint.url, "--log-level", "error", "--from", "2026-01-05", "--to", "2026-05-05",
            ]
            try await Self.run(["export", "survey", "--out", out] + common)
            let text = try String(contentsOfFile: out, encoding: .utf8)
            let expected = try await ReportService(source: storage.reports).surveyCSV(
                tenant: "soc-1",
                period: (
                    try ReportPeriod.parse("2026-01-05", field: "from"),
                    try ReportPeriod.parse("2026-05-05", field: "to")
                ), anonymize: false, logger: TestDatabase.logger)
            #expect(text == expected)
            let rows = try CSVReader.records(text)
            // Header, SOC, and the scenario's five assistants.
            #expect(rows.count == 7)
            #expect(rows[1][0] == "soc-1")
            #expect(rows[1][1] == "in-house")
            let names = try Scenario.bundledDefault().assistants.map(\.name)
            #expect(Set(rows.dropFirst(2).map { $0[4] }) == Set(names))

            try await Self.run(["export", "survey", "--out", out, "--anonymize"] + common)
            let anonymous = try String(contentsOfFile: out, encoding: .utf8)
            for secret in names + ["soc-1"] { #expect(!anonymous.contains(secret), "contains \(secret)") }
            #expect(try CSVReader.records(anonymous).count == 7)
        }
    }

    @Test(
        "export events streams every task, in pages, as csv, xes and ocel",
        arguments: [EventLogFormat.csv, .xes, .ocel])
    func events(format: EventLogFormat) async throws {
        try await Self.withSimulatedSOC(workflows: 60) { endpoint, storage in
            let out = Self.temporary(format.rawValue)
            defer { try? FileManager.default.removeItem(atPath: out) }
            // A page size that does not divide the workflow count, so the last page is partial.
            try await Self.run([
                "export", "events", "--format", format.rawValue, "--out", out, "--page-size", "7", "--database-url",
                endpoint.url, "--log-level", "error",
            ])
            let tasks = try await Self.count(storage, "SELECT count(*)::int8 FROM tasks")
            let ended = try await Self.count(storage, "SELECT count(*)::int8 FROM tasks WHERE ended_at IS NOT NULL")
            let workflows = try await Self.count(storage, "SELECT count(*)::int8 FROM workflows")
            #expect(tasks > 60)
            let text = try String(contentsOfFile: out, encoding: .utf8)
            switch format {
            case .csv:
                let rows = try CSVReader.records(text)
                #expect(rows.count == tasks + 1)
                #expect(Set(rows.dropFirst().map { $0[1] }).count == tasks)
            case .xes:
                #expect(text.components(separatedBy: "<trace>").count - 1 == workflows)
                #expect(text.components(separatedBy: "<event>").count - 1 == tasks + ended)
                #expect(text.hasSuffix("</log>\n"))
            case .ocel:
                let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
                #expect((json["events"] as? [Any])?.count == tasks + ended)
                // Workflows and the five assistants.
                #expect((json["objects"] as? [Any])?.count == workflows + 5)
            }
        }
    }

    @Test("export events --anonymize: no workflow id, task id, actor or assistant name of the database, links kept")
    func anonymizedEvents() async throws {
        try await Self.withSimulatedSOC(workflows: 40) { endpoint, storage in
            for format in ["csv", "ocel", "xes"] {
                let out = Self.temporary(format)
                defer { try? FileManager.default.removeItem(atPath: out) }
                try await Self.run([
                    "export", "events", "--format", format, "--anonymize", "--out", out, "--database-url", endpoint.url,
                    "--log-level", "error",
                ])
                let text = try String(contentsOfFile: out, encoding: .utf8)
                var names: [String] = []
                for query: PostgresQuery in [
                    "SELECT DISTINCT workflow_id FROM tasks", "SELECT DISTINCT task_id FROM tasks",
                    "SELECT DISTINCT actor FROM tasks WHERE actor IS NOT NULL",
                    "SELECT DISTINCT name FROM assistants",
                ] {
                    for try await name in try await storage.database.client.query(query, logger: TestDatabase.logger)
                        .decode(String.self)
                    {
                        names.append(name)
                    }
                }
                #expect(names.count > 100)
                for name in names where text.contains(name) {
                    Issue.record("\(format): the anonymised log contains \(name)")
                }
                #expect(text.contains("workflow_") && text.contains("task_"))
                if format == "csv" {
                    // Every context_from still names a task of the file.
                    let rows = try CSVReader.records(text)
                    let header = rows[0]
                    let id = try #require(header.firstIndex(of: "task_id"))
                    let context = try #require(header.firstIndex(of: "context_from"))
                    let ids = Set(rows.dropFirst().map { $0[id] })
                    let links = rows.dropFirst().map { $0[context] }.filter { !$0.isEmpty }
                    #expect(!links.isEmpty)
                    #expect(links.allSatisfy(ids.contains))
                }
            }
        }
    }

    @Test("import perceptions stores a good file; a file with a bad row stores nothing; import FILE still works")
    func importPerceptions() async throws {
        try await withFreshDatabase { endpoint in
            let good = Self.temporary("csv")
            let bad = Self.temporary("csv")
            defer {
                try? FileManager.default.removeItem(atPath: good)
                try? FileManager.default.removeItem(atPath: bad)
            }
            try Data(
                "respondent_role,assistant,rating,date\r\nanalyst,siem-copilot,good,2026-03-02\r\nciso,\"edr, agent\",none,2026-03-03\r\n"
                    .utf8
            ).write(to: URL(fileURLWithPath: good))
            try Data(
                "respondent_role,assistant,rating,date\nanalyst,siem-copilot,good,2026-03-02\nanalyst,siem-copilot,superb,2026-03-02\n"
                    .utf8
            ).write(to: URL(fileURLWithPath: bad))
            let common = ["--database-url", endpoint.url, "--log-level", "error", "--tenant", "soc-x"]
            try await Self.run(["import", "perceptions", good] + common)
            await #expect(throws: (any Error).self) { try await Self.run(["import", "perceptions", bad] + common) }
            try await TestDatabase.withClient(endpoint) { client in
                let storage = PostgresStorage(client: client, migrations: try Migration.bundled())
                #expect(try await Self.count(storage, "SELECT count(*)::int8 FROM perceptions") == 2)
                #expect(
                    try await Self.count(
                        storage, "SELECT count(*)::int8 FROM perceptions WHERE assistant = 'edr, agent'")
                        == 1)
            }
            // `import FILE` is still the NDJSON import, not a subcommand.
            let parsed = try BatonCommand.parseAsRoot(["import", good, "--log-level", "error"])
            #expect(parsed is ImportCommand)
            #expect(try BatonCommand.parseAsRoot(["import", "perceptions", good]) is ImportPerceptionsCommand)
        }
    }
}
