import BatonCore
import BatonSimulation
import Foundation
import Testing

@testable import BatonWeb

@Suite struct ReportPageTests {
    static var emptyReport: ValueReport {
        let input = ReportInput(
            tenant: "soc <a>", from: Timestamp(rfc3339: "2026-01-05T00:00:00Z")!,
            to: Timestamp(rfc3339: "2026-04-05T00:00:00Z")!, tasks: [], workflows: [], openWorkflows: 0,
            inferredOpenings: 0, assistants: [], perceptions: [:],
            friction: .init(
                topClasses: [], intakeHours: 0, closureHours: 0, pingPongShare: nil, contextCarriedShare: nil,
                flowEfficiencyMedian: nil, flowEfficiencyP90: nil),
            readiness: .init(tasksWithStageShare: nil, handoffsWithContextShare: nil, waitingHoursTaggedShare: nil))
        return ValueReportBuilder().build(input)
    }

    @Test("the standalone report is one file: inline stylesheet, no forms, no navigation, escaped names")
    func standalone() {
        let html = ReportPage.standalone(Self.emptyReport).rendered
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<style>"))
        #expect(html.contains("@media print"))
        #expect(!html.contains("<form"))
        #expect(!html.contains("<nav"))
        #expect(html.contains("soc &lt;a&gt;"))
        #expect(html.contains("No closed workflows in this period."))
    }

    @Test("the page version has navigation, the period form and the session's CSRF field")
    func page() {
        let layout = Layout(tenant: "soc-1", role: "viewer", csrf: "token123")
        let html = ReportPage.render(Self.emptyReport, layout: layout).rendered
        #expect(html.contains("<nav aria-label=\"Main\">"))
        #expect(html.contains("aria-current=\"page\">CISO report"))
        #expect(html.contains("name=\"csrf\" value=\"token123\""))
        #expect(html.contains("<form class=\"filters no-print\" method=\"get\" action=\"/report\">"))
        #expect(html.contains("href=\"/assets/baton.css\""))
    }

    @Test("trend charts and the comparison with the previous period, names escaped, verdicts as computed")
    func trendsAndComparison() throws {
        var scenario = try Scenario.bundled(named: "default")
        scenario.workflows = 4_000
        let sim = SOCSimulator(scenario: scenario, seed: 5)
        let all = sim.workflows(tenantIndex: 0)
        let middle = try #require(scenario.startTimestamp).adding(
            microseconds: Int64(scenario.days * 43_200) * 1_000_000)
        var options = ReportOptions()
        options.weeklyTrends = true
        let previous = ValueReportBuilder().build(
            sim.reportInput(tenantIndex: 0, workflows: all.filter { $0.workflow.openedAt < middle }))
        var report = ValueReportBuilder(options: options).build(
            sim.reportInput(tenantIndex: 0, workflows: all.filter { $0.workflow.openedAt >= middle }))
        report.comparison = PeriodComparison(current: report, previous: previous)
        let hostile = "<img src=x onerror=alert(1)>"
        report.assistants[0].name = hostile
        report.comparison?.assistants[0].name = hostile
        let html = ReportPage.render(report, layout: Layout(tenant: "soc-1", role: "viewer", csrf: "t")).rendered
        #expect(!html.contains(hostile))
        #expect(html.contains(HTML.escape(hostile)))
        #expect(html.contains("id=\"comparison\"") && html.contains("id=\"trends\""))
        let weekly = report.assistants.filter {
            ($0.weekly ?? []).filter { $0.realizedLeadReduction.value != nil }.count >= 2
        }
        #expect(!weekly.isEmpty)
        for index in report.assistants.indices where weekly.contains(report.assistants[index]) {
            #expect(html.contains("id=\"chart-trend-\(index)\""))
        }
        let comparison = try #require(report.comparison)
        let verdicts =
            comparison.assistants.flatMap(\.changes).map(\.verdict) + comparison.frictionClasses.map(\.change.verdict)
        #expect(verdicts.contains(FigureChange.changed))
        // Each verdict appears as computed: as many "changed" cells as changes called changed.
        #expect(
            html.components(separatedBy: "<strong>changed</strong>").count - 1
                == verdicts.filter { $0 == FigureChange.changed }.count)
    }
}
