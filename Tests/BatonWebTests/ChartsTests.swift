import Testing

@testable import BatonCore
@testable import BatonWeb

@Suite struct ChartsTests {
    static func estimate(_ v: Double, _ low: Double, _ high: Double) -> ValueReport.Estimate { .ok(v, (low, high)) }

    static func assistant(_ name: String, speedup: Double, reduction: Double) -> ValueReport.AssistantValue {
        ValueReport.AssistantValue(
            name: name, tool: "siem", category: nil, archetype: nil, rolloutAt: nil,
            taskSpeedups: [
                .init(
                    taskType: "alert-triage", baselineTasks: 100, treatedTasks: 80,
                    speedup: estimate(speedup, speedup - 0.2, speedup + 0.2), mixAdjustedSavingMinutes: 3)
            ], mainTaskType: "alert-triage", effortSavedHours: estimate(10, 8, 12),
            effortSavedShare: estimate(0.5, 0.4, 0.6), effortSavedValue: nil, workflowEffect: nil,
            predictedSavingHours: estimate(1, 0.8, 1.2), realizedSavingHours: estimate(0.1, -0.1, 0.3),
            realizedLeadReduction: estimate(reduction, reduction - 0.02, reduction + 0.02),
            valueCaptureRatio: estimate(0.1, 0.05, 0.15), frictionAbsorbedHours: estimate(0.9, 0.7, 1.1), amdahl: nil,
            measuredRating: "some", ratingReason: "r",
            perceivedRating: "excellent", perceivedResponses: 3, perceptionGap: "gap")
    }

    @Test("the speedup chart is titled, described in words and labels its numbers, not colour alone")
    func speedupChart() {
        let html = SpeedupLeadChart.render([Self.assistant("siem <ai>", speedup: 3.1, reduction: -0.04)]).rendered
        #expect(html.contains("<title id=\"chart-speedup-lead-title\">"))
        #expect(
            html.contains(
                "<desc id=\"chart-speedup-lead-desc\">siem &lt;ai&gt;: alert-triage 3.1× faster; touched cases closed 4% later.</desc>"
            ))
        #expect(html.contains(">3.1× alert-triage<"))
        #expect(html.contains(">4% later<"))
        #expect(html.contains("role=\"img\""))
        #expect(!html.contains("siem <ai>"))
    }

    @Test("the waterfall lays the segments end to end: the bar is the lead time")
    func waterfall() {
        let c = ValueReport.LeadComposition(
            cohort: "touched", workflows: 10, meanLeadHours: 4, meanTouchHours: 1, meanIntakeHours: 0.5,
            meanHandoffWaitHours: 2, meanClosureHours: 0.5,
            handoffWaitByClass: [.init(handoffClass: "siem→edr", hours: 1.5), .init(handoffClass: "other", hours: 0.5)])
        #expect(WaterfallChart.segments(c).reduce(0) { $0 + $1.hours } == 4)
        let html = WaterfallChart.render([c]).rendered
        #expect(html.contains("lead 4 h 00 min"))
        #expect(html.contains("siem→edr wait: 1 h 30 min"))
        #expect(WaterfallChart.legend([c]).rendered.contains("closure wait"))
    }

    @Test("the perception chart marks both ratings with words")
    func perception() {
        let html = PerceptionChart.render([Self.assistant("a", speedup: 2, reduction: 0.1)]).rendered
        #expect(html.contains(">measured<"))
        #expect(html.contains(">perceived<"))
        #expect(html.contains("a: measured some, perceived excellent"))
    }

    @Test("the heatmap shows each tool pair's hours as text")
    func heatmap() {
        let classes = [
            ValueReport.ClassFriction(
                handoffClass: "siem→edr", waitingHours: 120, handoffs: 10, meanWaitMinutes: 12,
                contextCarriedShare: 0.5,
                tagReasons: [:]),
            ValueReport.ClassFriction(
                handoffClass: "edr→soar", waitingHours: 30, handoffs: 5, meanWaitMinutes: 6, contextCarriedShare: 1,
                tagReasons: [:]),
        ]
        let html = HeatmapChart.render(classes).rendered
        #expect(html.contains(">120 h<"))
        #expect(html.contains(">30 h<"))
        #expect(html.contains("siem to edr: 120 h"))
    }
}
