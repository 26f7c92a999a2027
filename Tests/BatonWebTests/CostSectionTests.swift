import BatonCore
import Testing

@testable import BatonWeb

@Suite struct CostSectionTests {
    @Test("'What it costs' only when costs are recorded; an unused licence is named, its amount pro-rated")
    func section() {
        var input = ReportInput(
            tenant: "soc-a", from: Timestamp(utcDate: "2026-03-01")!, to: Timestamp(utcDate: "2026-04-01")!,
            tasks: [], workflows: [], openWorkflows: 0, inferredOpenings: 0, assistants: [], perceptions: [:],
            friction: .init(
                topClasses: [], intakeHours: 0, closureHours: 0, pingPongShare: nil, contextCarriedShare: nil,
                flowEfficiencyMedian: nil, flowEfficiencyP90: nil),
            readiness: .init(tasksWithStageShare: nil, handoffsWithContextShare: nil, waitingHoursTaggedShare: nil))
        #expect(!ReportPage.standalone(ValueReportBuilder().build(input)).rendered.contains("What it costs"))
        // A licence of 1,550 a month from March 17: 1,550 × 15/31 = 750 in March.
        input.assistants = [
            AssistantMetadata(
                name: "idle <bot>",
                licence: AssistantLicence(
                    monthlyCost: 1_550, currency: "EUR", startsAt: Timestamp(utcDate: "2026-03-17")))
        ]
        let html = ReportPage.standalone(ValueReportBuilder().build(input)).rendered
        #expect(html.contains("<h2>What it costs</h2>"))
        #expect(html.contains("EUR 750.00"))
        #expect(html.contains("Licences paid with no AI task in the period: idle &lt;bot&gt;."))
    }
}
