import BatonCore
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
}
