import Foundation
import Testing

@testable import BatonCore
@testable import BatonWeb

@Suite("Interventions on the web: the weekly chart's marks and the page")
struct InterventionsPageTests {
    static func effect(_ id: Int, date: String, description: String, verdict: String = "changed")
        -> ValueReport.InterventionEffect
    {
        let side = ValueReport.InterventionSide(cases: 40, handoffs: 50, meanWaitMinutes: 60)
        return ValueReport.InterventionEffect(
            id: id, date: date, targetKind: "handoff-class", target: "edr→soar", description: description,
            controlClassing: "tool", controlClasses: 5, targetBefore: side, targetAfter: side, controlBefore: side,
            controlAfter: side, controlChange: 0.05, counterfactualMeanWaitMinutes: 63,
            effectMinutes: .ok(-25, (-32, -18)), relativeEffect: -0.4, verdict: verdict,
            summary: "Waiting at handoff class edr→soar fell by 25 min per handoff", warnings: ["mind <this>"])
    }

    static let weeks = (0..<6).map { k in
        ValueReport.WeekSummary(
            weekStart: "2026-01-\(String(format: "%02d", 5 + 7 * k))", closedWorkflows: 10, touchedWorkflows: 5,
            medianLeadHoursTouched: 3, medianLeadHoursUntouched: 4, waitShare: 0.5)
    }

    @Test("an intervention in the weeks is a titled, escaped mark at its date; one outside them is not drawn")
    func weeklyMarks() {
        let html = WeeklyChart.render(
            Self.weeks,
            interventions: [
                Self.effect(1, date: "2026-01-19T00:00:00Z", description: "<script>pre-approve</script>"),
                Self.effect(2, date: "2026-03-30T00:00:00Z", description: "later"),
            ]
        ).rendered
        #expect(html.contains("id=\"intervention-mark-1\""))
        #expect(!html.contains("intervention-mark-2"))
        #expect(
            html.contains("#1 2026-01-19: &lt;script&gt;pre-approve&lt;/script&gt; (handoff-class edr→soar); changed"))
        #expect(!html.contains("<script>"))
        // Two weeks after the first Monday: two fifths of the way across the week axis (60 to 810).
        #expect(html.contains("x1=\"360\" x2=\"360\""))
        #expect(html.contains("interventions: #1 on 2026-01-19 (edr→soar)"))
        #expect(!WeeklyChart.render(Self.weeks).rendered.contains("intervention"))
    }

    @Test("the page lists newest first with figures and warnings, escaped; the form only for those who may record")
    func page() throws {
        let layout = Layout(tenant: "soc-1", role: "analyst", csrf: "tok")
        var report = ValueReport(
            schemaVersion: 2, tenant: "soc-1", period: .init(from: "2026-01-05T00:00:00Z", to: "2026-04-05T00:00:00Z"),
            options: ReportOptions(),
            samples: .init(
                closedWorkflows: 0, openWorkflows: 0, inferredOpenings: 0, aiTouchedWorkflows: 0,
                untouchedWorkflows: 0, tasks: 0),
            headline: "", assistants: [], portfolio: nil,
            friction: .init(
                topClasses: [], intakeHours: 0, closureHours: 0, pingPongShare: nil, contextCarriedShare: nil,
                flowEfficiencyMedian: nil, flowEfficiencyP90: nil),
            guidance: [],
            readiness: .init(tasksWithStageShare: nil, handoffsWithContextShare: nil, waitingHoursTaggedShare: nil),
            leadComposition: [], weekly: [])
        report.interventions = [Self.effect(1, date: "2026-02-16T00:00:00Z", description: "<b>bold</b>")]
        let recorded = [
            Intervention(
                id: 1, date: Timestamp(rfc3339: "2026-02-16T00:00:00Z")!,
                target: try InterventionTarget(kind: .handoffClass, "edr→soar"), description: "<b>bold</b>"),
            Intervention(
                id: 2, date: Timestamp(rfc3339: "2026-06-01T00:00:00Z")!,
                target: try InterventionTarget(kind: .assistant, "a\"b"), description: "later"),
        ]
        let html = InterventionsPage.render(
            recorded, report: report, canRecord: true, notice: nil, error: "Not recorded: <x>", layout: layout
        ).rendered
        #expect(
            html.range(of: "id=\"intervention-2\"")!.lowerBound < html.range(of: "id=\"intervention-1\"")!.lowerBound)
        #expect(html.contains("&lt;b&gt;bold&lt;/b&gt;") && !html.contains("<b>bold"))
        #expect(html.contains("<strong>−25 min</strong> per handoff") && html.contains("−32 min to −18 min · −40%"))
        #expect(html.contains("⚠ mind &lt;this&gt;"))
        #expect(html.contains("<strong>a&quot;b</strong>") && html.contains("outside this period"))
        #expect(html.contains("Not recorded: &lt;x&gt;"))
        #expect(html.contains("name=\"csrf\" value=\"tok\"") && html.contains("id=\"intervention-form\""))
        let readOnly = InterventionsPage.render(
            recorded, report: report, canRecord: false, notice: nil, error: nil, layout: layout
        ).rendered
        #expect(!readOnly.contains("intervention-form") && readOnly.contains("analysts and admins record them"))
    }
}
