import ArgumentParser
import BatonCore
import BatonSimulation
import BatonStore
import BatonTestSupport
import Foundation
import PostgresNIO
import Testing

@testable import BatonCLI

@Suite("baton import --format xes against PostgreSQL")
struct XESImportTests {
    /// The repository's parent: `../shared/data` holds the BPI Challenge 2013 log.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    /// The shared test data: `$BATON_SHARED_DATA`, else `../shared/data` next to the clone, else
    /// `/work/shared/data`, where this kind of machine keeps it (CI clones elsewhere).
    static let bpi: String = {
        let name = "bpic2013_incidents.xes.gz"
        let candidates = [
            ProcessInfo.processInfo.environment["BATON_SHARED_DATA"].map { URL(fileURLWithPath: $0) },
            repository.deletingLastPathComponent().appendingPathComponent("shared/data"),
            URL(fileURLWithPath: "/work/shared/data"),
        ].compactMap { $0?.appendingPathComponent(name).path }
        return candidates.first { FileManager.default.fileExists(atPath: $0) } ?? candidates[0]
    }()
    static let bpiMapping = repository.appendingPathComponent("Docs/xes-mappings/bpic2013-incidents.json").path

    @Test("export as XES, import into another tenant: the same report figures (tags and ratings aside)")
    func roundTrip() async throws {
        try await ExportCommandTests.withSimulatedSOC(workflows: 400) { endpoint, storage in
            let file = ExportCommandTests.temporary("xes")
            defer { try? FileManager.default.removeItem(atPath: file) }
            let common = ["--database-url", endpoint.url, "--log-level", "error"]
            try await ExportCommandTests.run(["export", "events", "--format", "xes", "--out", file] + common)
            let parsed = try BatonCommand.parseAsRoot(["import", "--format", "xes", file, "--tenant", "copy"] + common)
            try await #require(parsed as? ImportCommand).run()

            let from = try ReportPeriod.parse("2026-01-01", field: "from")
            let to = try ReportPeriod.parse("2026-06-01", field: "to")
            let logger = TestDatabase.logger
            let originalInput = try await storage.reports.reportInput(
                tenant: "soc-1", from: from, to: to, logger: logger)
            // Assistant metadata (rollout dates, which cut the effect's time strata) is not part of
            // an event log; the copy's admin registers it as the original's did.
            for assistant in originalInput.assistants {
                _ = try await storage.tenants.putAssistant(assistant, tenant: "copy", logger: logger)
            }
            let original = ValueReportBuilder().build(originalInput)
            let copy = ValueReportBuilder().build(
                try await storage.reports.reportInput(tenant: "copy", from: from, to: to, logger: logger))
            #expect(original.samples.closedWorkflows == 400)
            #expect(copy.samples == original.samples)
            #expect(copy.assistants.map(\.name) == original.assistants.map(\.name))
            for (a, b) in zip(original.assistants, copy.assistants) {
                #expect(b.taskSpeedups == a.taskSpeedups)
                // The point estimate only: the effort bootstrap resamples tasks in the order the
                // report's SQL returns them (array_agg without ORDER BY), so its interval moves
                // slightly with the rows' physical order, which an import changes.
                #expect(b.effortSavedHours.value == a.effortSavedHours.value)
                #expect(b.workflowEffect == a.workflowEffect)
                #expect(b.realizedLeadReduction == a.realizedLeadReduction)
                #expect(b.measuredRating == a.measuredRating)
            }
            // Friction without the analysts' tags, which an event log does not carry.
            func untagged(_ r: ValueReport) -> ValueReport.Friction {
                var f = r.friction
                f.topClasses = f.topClasses.map {
                    var c = $0; c.tagReasons = [:]; return c
                }
                return f
            }
            #expect(untagged(copy) == untagged(original))
            #expect(!original.friction.topClasses.isEmpty)
        }
    }

    /// The BPI log as an outside requirement: a clone without `../shared/data` skips its test
    /// with this reason, unless BATON_REQUIRE_EXTERNAL=1 (CI), which fails instead.
    static let bpiFile = ExternalProgram(
        name: "the BPI Challenge 2013 log (bpic2013_incidents.xes.gz)",
        path: FileManager.default.fileExists(atPath: bpi) ? bpi : nil,
        install: "set BATON_SHARED_DATA to the folder that holds it (looked for at \(bpi))")

    @Test(
        "the BPI Challenge 2013 log: 7,554 cases and 65,533 events, and the figures in Docs/xes-import.md",
        .enabled(if: bpiFile.runs(), Comment(rawValue: bpiFile.skipReason)))
    func bpic2013() async throws {
        try #require(FileManager.default.fileExists(atPath: Self.bpi), "the BPI 2013 log is not at \(Self.bpi)")
        try await withFreshStorage { storage in
            let logger = TestDatabase.logger
            try await storage.tenants.ensureTenant("bpic2013", deliveryModel: nil, logger: logger)
            let outcome = try await XESLoader(ingest: storage.ingest, tenant: "bpic2013", logger: logger)
                .load(path: Self.bpi, mapping: try XESLoader.mapping(at: Self.bpiMapping))
            // The numbers the data's README states.
            #expect(outcome.traces == 7_554)
            #expect(outcome.events == 65_533)
            #expect(outcome.rejected.isEmpty)
            #expect(outcome.result.accepted == 30_644)  // 7,554 workflows and 23,090 stretches of work
            // As `baton import` does: the report's plans need statistics of the loaded tables.
            try await storage.maintenance.analyzeAfterBulkLoad(logger: logger)

            let from = try ReportPeriod.parse("2010-01-01", field: "from")
            let to = try ReportPeriod.parse("2013-01-01", field: "to")
            let report = ValueReportBuilder().build(
                try await storage.reports.reportInput(tenant: "bpic2013", from: from, to: to, logger: logger))
            #expect(report.samples.closedWorkflows == 7_546)
            #expect(report.samples.openWorkflows == 8)
            #expect(report.samples.aiTouchedWorkflows == 0)
            // Ping-pong between teams (tool = support team): 14.1% of closed incidents.
            #expect(try #require(report.friction.pingPongShare).rounded(places: 3) == 0.141)
            #expect(try #require(report.friction.flowEfficiencyMedian).rounded(places: 2) == 0.18)
            // The report's largest waiting class is inside one team.
            let first = try #require(report.friction.topClasses.first)
            #expect(first.handoffClass == "G97→G97")
            #expect(first.handoffs == 1_733)
            #expect(first.waitingHours.rounded() == 83_394)
            let context = try await storage.reports.surveyContext(
                tenant: "bpic2013", from: from, to: to, logger: logger)
            // Waiting between stretches of work is 56.45% of all lead time.
            #expect(try #require(context.handoffWaitShare).rounded(places: 4) == 0.5645)

            // Top team-to-team handoffs by waiting hours.
            let rows = try await storage.database.client.query(
                """
                SELECT h.from_tool || '→' || h.to_tool, count(*)::int8, round(sum(h.wait_us) / 3600000000.0)::int8
                FROM handoffs AS h JOIN workflows AS w USING (tenant_id, workflow_id)
                WHERE h.tenant_id = 'bpic2013' AND h.kind = 'handoff' AND h.cross_tool AND w.lead_us IS NOT NULL
                GROUP BY 1 ORDER BY 3 DESC, 1 LIMIT 3
                """, logger: logger)
            var top: [String] = []
            for try await (cls, count, hours) in rows.decode((String, Int64, Int64).self) {
                top.append("\(cls) \(count) \(hours)")
            }
            #expect(top == ["V32 2nd→V37 2nd 60 36963", "V37 2nd→V32 2nd 25 14874", "D8→V32 2nd 22 13978"])
        }
    }
}

extension Double {
    fileprivate func rounded(places: Int) -> Double {
        let scale = pow(10, Double(places))
        return (self * scale).rounded() / scale
    }
}
