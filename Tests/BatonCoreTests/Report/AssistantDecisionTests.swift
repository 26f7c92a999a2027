import Testing

@testable import BatonCore

@Suite("The decision rule, branch by branch (keep, fix the handoffs, reconsider, not enough evidence)")
struct AssistantDecisionTests {
    /// An assistant with a hand-set rating and figures, from an empty report's shape.
    static func assistant(rating: String, reason: String = "because", net: CostFigure? = nil)
        -> ValueReport.AssistantValue
    {
        let e = ValueReport.Estimate.ok(0.1, (0.05, 0.15))
        var a = ValueReport.AssistantValue(
            name: "copilot", tool: nil, category: nil, archetype: nil, rolloutAt: nil, taskSpeedups: [],
            mainTaskType: nil, effortSavedHours: .ok(40, (30, 50)), effortSavedShare: e, effortSavedValue: nil,
            workflowEffect: nil, predictedSavingHours: e, realizedSavingHours: e, realizedLeadReduction: e,
            valueCaptureRatio: nil, frictionAbsorbedHours: .ok(0.5, (0.2, 0.8)), amdahl: nil, measuredRating: rating,
            ratingReason: reason, perceivedRating: nil, perceivedResponses: 0, perceptionGap: nil)
        if let net {
            a.cost = AssistantCost(
                currency: "USD", licence: 1_000, licenceDays: 30, tokenSpend: nil, aiTasks: 10, aiTasksWithTokens: 0,
                inputTokens: 0, outputTokens: 0, unpricedModels: [], total: 1_000, touchedCases: 10,
                perTouchedCase: 100, perEffortHourSaved: .missing(CostFigure.noSaving),
                perLeadHourSaved: .missing(CostFigure.noSaving), netValue: net, note: nil)
        }
        return a
    }

    static let options = ReportOptions()

    @Test("insufficient data: not enough evidence yet, whatever the cost")
    func insufficient() {
        let d = AssistantDecision(
            Self.assistant(
                rating: "insufficient data", net: CostFigure(value: -9, low: -10, high: -8, status: "ok", note: nil)),
            options: Self.options)
        #expect(d.verdict == AssistantDecision.notEnoughEvidence)
    }

    @Test("net value's interval below the floor: reconsider, even when rated good")
    func costsMoreThanItSaves() {
        let losing = CostFigure(value: -500, low: -800, high: -200, status: CostFigure.ok, note: nil)
        let d = AssistantDecision(Self.assistant(rating: "good", net: losing), options: Self.options)
        #expect(d.verdict == AssistantDecision.reconsider)
        #expect(d.rule.contains("costs more"))
        #expect(d.figures.contains { $0.hasPrefix("net value USD −500.00") })
        // An interval reaching above the floor does not decide: the rating does.
        let unclear = CostFigure(value: -100, low: -800, high: 300, status: CostFigure.ok, note: nil)
        #expect(
            AssistantDecision(Self.assistant(rating: "good", net: unclear), options: Self.options).verdict
                == AssistantDecision.keep)
        // A higher floor moves the line: −200 at most is below a floor of 100, and so is 50.
        var strict = Self.options
        strict.netValueFloor = 100
        let small = CostFigure(value: 20, low: -10, high: 50, status: CostFigure.ok, note: nil)
        #expect(
            AssistantDecision(Self.assistant(rating: "good", net: small), options: strict).verdict
                == AssistantDecision.reconsider)
        #expect(
            AssistantDecision(Self.assistant(rating: "good", net: small), options: Self.options).verdict
                == AssistantDecision.keep)
    }

    @Test("good or excellent: keep; without a cost the rule says cost did not enter")
    func keep() {
        for rating in ["good", "excellent"] {
            let d = AssistantDecision(Self.assistant(rating: rating), options: Self.options)
            #expect(d.verdict == AssistantDecision.keep)
            #expect(d.rule.contains("no cost recorded"))
        }
    }

    @Test("some: fix the handoffs around it, with the waiting it absorbed among the figures")
    func fixHandoffs() {
        let d = AssistantDecision(
            Self.assistant(rating: "some", reason: "tasks 3.0× faster, cases 29 min slower"), options: Self.options)
        #expect(d.verdict == AssistantDecision.fixHandoffs)
        #expect(d.rule.contains("tasks 3.0× faster"))
        #expect(d.figures.contains { $0.hasPrefix("waiting absorbed per case +30 min") })
    }

    @Test("none: reconsider")
    func none() {
        #expect(
            AssistantDecision(Self.assistant(rating: "none"), options: Self.options).verdict
                == AssistantDecision.reconsider)
    }

    @Test("the report gives every assistant a decision and the portfolio none")
    func inReport() throws {
        var workflows: [ReportInput.WorkflowObservation] = []
        var tasks: [ReportInput.TaskObservation] = []
        for n in 0..<120 {
            let touched = n % 2 == 0
            workflows.append(
                ReportFixtures.workflow(
                    "phishing", "low", lead: touched ? 4 : 6, touch: 1, touchedBy: touched ? "copilot" : nil,
                    triage: 0.5))
            tasks.append(ReportFixtures.task("low", minutes: touched ? 10 : 20, assistant: touched ? "copilot" : nil))
        }
        let report = ReportFixtures.build(ReportFixtures.input(tasks: tasks, workflows: workflows))
        let copilot = try #require(report.assistants.first { $0.name == "copilot" })
        #expect(copilot.decision == AssistantDecision(copilot, options: report.options))
        #expect(
            copilot.decision?.verdict == AssistantDecision.keep, "\(copilot.measuredRating): \(copilot.ratingReason)")
        #expect(report.portfolio?.decision == nil)
    }
}
