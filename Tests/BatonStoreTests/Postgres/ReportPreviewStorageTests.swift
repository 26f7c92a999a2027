import BatonCore
import BatonSimulation
import BatonStore
import BatonTestSupport
import Foundation
import Logging
import Testing

@Suite("The overview's preview from rollups (PostgresReportSource.reportPreview)", .timeLimit(.minutes(10)))
struct ReportPreviewStorageTests {
    let logger = TestDatabase.logger
    typealias F = Fixtures

    @Test(
        "the preview's waiting by tool pair (the report's heatmap) is the simulator's truth: every class's handoffs and waiting hours"
    )
    func waitingIsTruth() async throws {
        try await withFreshStorage { storage in
            let (workflows, seed) = (600, UInt64(7))
            let tenant = try await TaskDurationRollupReaderTests.loadSimulatedSOC(
                storage, workflows: workflows, seed: seed)
            _ = try await PostgresMaintenanceTests.settle(storage, now: Timestamp.now)
            let (from, to) = try await CoordinationRollupReaderTests.span(storage, tenant: tenant)
            let preview = try #require(
                try await storage.reports.reportPreview(
                    tenant: tenant, from: from, to: to, classBy: .tool, logger: logger))
            var scenario = try Scenario.bundledDefault()
            scenario.workflows = workflows
            let truth = try #require(SOCSimulator(scenario: scenario, seed: seed).groundTruth().tenants.first)
            let classes = truth.waits.filter { !["intake", "closure"].contains($0.handoffClass) }
            #expect(classes.count > 3)
            #expect(preview.topClasses.count == min(classes.count, 50))
            for t in classes {
                let name = t.handoffClass.replacingOccurrences(of: "->", with: "→")
                let shown = try #require(preview.topClasses.first { $0.handoffClass == name }, "\(name)")
                #expect(shown.handoffs == t.aiTouchedCount + t.untouchedCount, "\(name)")
                let minutes =
                    (t.aiTouchedMeanMinutes ?? 0) * Double(t.aiTouchedCount)
                    + (t.untouchedMeanMinutes ?? 0) * Double(t.untouchedCount)
                #expect(abs(shown.waitingHours - minutes / 60) <= 1e-6 * max(1, minutes / 60), "\(name)")
            }
        }
    }

    @Test(
        "on a simulated SOC the preview's figures equal the built report's, by tool and by assistant; none for part days or after a late record until the pass counts it (fails without the rollup refresh)"
    )
    func previewEqualsReport() async throws {
        try await withFreshStorage { storage in
            let tenant = try await TaskDurationRollupReaderTests.loadSimulatedSOC(storage, workflows: 600, seed: 7)
            _ = try await PostgresMaintenanceTests.settle(storage, now: Timestamp.now)
            let (from, to) = try await CoordinationRollupReaderTests.span(storage, tenant: tenant)
            func compare() async throws -> ReportPreview? {
                var last: ReportPreview?
                for classBy in [HandoffClassing.tool, .assistant] {
                    let preview = try await storage.reports.reportPreview(
                        tenant: tenant, from: from, to: to, classBy: classBy, logger: logger)
                    guard let preview else { return nil }
                    let input = try await storage.reports.reportInput(
                        tenant: tenant, from: from, to: to, classBy: classBy, logger: logger)
                    var options = ReportOptions()
                    options.classBy = classBy
                    options.resamples = 20
                    let report = ValueReportBuilder(options: options).build(input)
                    #expect(input.friction.classesPath == .rollups && input.coordination.path == .rollups)
                    // The sample exercises both figures.
                    #expect(preview.topClasses.count > 3 && preview.topClasses.contains { $0.handoffs > 50 })
                    #expect(report.coordination.map { !$0.cells.isEmpty } == true)
                    #expect(preview.topClasses == report.friction.topClasses, "\(classBy)")
                    #expect(preview.coordination == report.coordination, "\(classBy)")
                    last = preview
                }
                return last
            }
            let before = try #require(try await compare())

            // Part days: the rollups cannot give the period.
            #expect(
                try await storage.reports.reportPreview(
                    tenant: tenant, from: from.adding(microseconds: 3_600_000_000), to: to, classBy: .tool,
                    logger: logger) == nil)

            // A late case marks its month: no preview until the pass has counted it.
            let start = CoordinationRollupReaderTests.minutes(
                from: F.origin, to: from.adding(microseconds: CoordinationRollupReaderTests.day + 36_000_000_000))
            _ = try await storage.ingest.ingest(
                CoordinationRollupReaderTests.consumedCase("LATE-1", at: start), tenant: tenant, logger: logger)
            #expect(
                try await storage.reports.reportPreview(
                    tenant: tenant, from: from, to: to, classBy: .tool, logger: logger)
                    == nil)
            _ = try await PostgresMaintenanceTests.settle(storage, now: Timestamp.now)
            let after = try #require(try await compare())
            let handoffs = { (p: ReportPreview) in p.topClasses.reduce(0) { $0 + $1.handoffs } }
            #expect(handoffs(after) == handoffs(before) + 1, "the late case's one handoff is counted")
        }
    }
}
