import Testing

@testable import BatonCore

// Every expected number is worked out by hand in the comments, never copied from a run.

@Suite("Cost figures (issue 22)")
struct CostEstimatorTests {
    static func day(_ text: String) -> Timestamp { Timestamp(utcDate: text)! }

    /// Period March 2026 (31 days). `bot`: licence 3,100/month from March 11 → 3,100 × 21/31 = 2,100.
    /// Prices for openai/gpt-x: 2 in / 8 out per million from January 1, 1 / 4 from March 16.
    /// Tokens of bot: March 10, 1 M in + 0.5 M out at 2/8 → 2 + 4 = 6; March 20, 2 M in + 1 M out
    /// at 1/4 → 2 + 4 = 6; plus 8 AI tasks without token counts. Tokens 12, total 2,112.
    /// `unused`: licence 310/month, no AI task → 310. `other`: 5 AI tasks, nothing recorded.
    static func input(extraUsage: [TokenUsage] = []) -> ReportInput {
        var input = ReportInput(
            tenant: "soc-a", from: day("2026-03-01"), to: day("2026-04-01"), tasks: [], workflows: [],
            openWorkflows: 0, inferredOpenings: 0,
            assistants: [
                AssistantMetadata(
                    name: "bot",
                    licence: AssistantLicence(monthlyCost: 3_100, currency: "USD", startsAt: day("2026-03-11"))),
                AssistantMetadata(name: "unused", licence: AssistantLicence(monthlyCost: 310, currency: "USD")),
                AssistantMetadata(name: "other"),
            ], perceptions: [:], friction: ReportFixtures.noFriction, readiness: ReportFixtures.noReadiness)
        input.prices = PriceTable([
            TokenPrice(
                provider: "openai", model: "gpt-x", effectiveFrom: day("2026-01-01"), inputPerMillion: 2,
                outputPerMillion: 8, currency: "USD"),
            TokenPrice(
                provider: "openai", model: "gpt-x", effectiveFrom: day("2026-03-16"), inputPerMillion: 1,
                outputPerMillion: 4, currency: "USD"),
        ])
        input.tokenUsage =
            [
                TokenUsage(
                    assistant: "bot", day: day("2026-03-10").utcDayNumber, provider: "openai", model: "gpt-x",
                    aiTasks: 10, tasksWithTokens: 10, inputTokens: 1_000_000, outputTokens: 500_000),
                TokenUsage(
                    assistant: "bot", day: day("2026-03-20").utcDayNumber, provider: "openai", model: "gpt-x",
                    aiTasks: 20, tasksWithTokens: 20, inputTokens: 2_000_000, outputTokens: 1_000_000),
                TokenUsage(
                    assistant: "bot", day: day("2026-03-20").utcDayNumber, provider: nil, model: nil, aiTasks: 8,
                    tasksWithTokens: 0, inputTokens: 0, outputTokens: 0),
                TokenUsage(
                    assistant: "other", day: day("2026-03-05").utcDayNumber, provider: nil, model: nil, aiTasks: 5,
                    tasksWithTokens: 0, inputTokens: 0, outputTokens: 0),
            ] + extraUsage
        return input
    }

    static func estimate(_ value: Double?, _ low: Double?, _ high: Double?) -> ValueReport.Estimate {
        ValueReport.Estimate(
            value: value, low: low, high: high, status: value == nil ? "insufficient data" : "ok", note: nil)
    }

    static func near(_ a: Double?, _ b: Double) -> Bool { a.map { abs($0 - b) < 1e-9 } ?? false }

    /// Effort saved 20 h (10 to 40); −ΔL 0.5 h per case (0.25 to 1) over 40 treated cases = 20 h
    /// (10 to 40); 48 touched cases; rate 100 per hour.
    static func botCost(_ input: ReportInput, effort: ValueReport.Estimate = estimate(20, 10, 40)) -> AssistantCost {
        var options = ReportOptions()
        options.hourlyRate = 100
        return CostEstimator(options: options).assistantCost(
            "bot", input, touchedCases: 48, effortSaved: effort, realizedSaving: estimate(0.5, 0.25, 1),
            treatedCases: 40)
    }

    @Test("licence from mid-period + tokens at the price of each day; ratios and net value with intervals")
    func handComputed() {
        let c = Self.botCost(Self.input())
        #expect(c.currency == "USD")
        #expect(Self.near(c.licence, 2_100))
        #expect(c.licenceDays == 21)
        #expect(Self.near(c.tokenSpend, 12))
        #expect(Self.near(c.total, 2_112))
        #expect(c.aiTasks == 38 && c.aiTasksWithTokens == 30)
        #expect(c.inputTokens == 3_000_000 && c.outputTokens == 1_500_000)
        // 2,112 / 48 = 44 per touched case.
        #expect(Self.near(c.perTouchedCase, 44))
        // 2,112 / 20 = 105.6; 2,112 / 40 = 52.8; 2,112 / 10 = 211.2.
        #expect(c.perEffortHourSaved.status == "ok")
        #expect(Self.near(c.perEffortHourSaved.value, 105.6))
        #expect(Self.near(c.perEffortHourSaved.low, 52.8))
        #expect(Self.near(c.perEffortHourSaved.high, 211.2))
        // Lead hours: 0.5 × 40 = 20 (10 to 40): the same ratios.
        #expect(Self.near(c.perLeadHourSaved.value, 105.6))
        #expect(Self.near(c.perLeadHourSaved.low, 52.8))
        #expect(Self.near(c.perLeadHourSaved.high, 211.2))
        // 20 × 100 − 2,112 = −112; 10 × 100 − 2,112 = −1,112; 40 × 100 − 2,112 = 1,888.
        #expect(Self.near(c.netValue.value, -112))
        #expect(Self.near(c.netValue.low, -1_112))
        #expect(Self.near(c.netValue.high, 1_888))
    }

    @Test("a saving whose interval reaches 0 gives no ratio: 'no saving measured'")
    func noSaving() {
        let c = Self.botCost(Self.input(), effort: Self.estimate(12, -5, 30))
        #expect(c.perEffortHourSaved.status == "no saving measured")
        #expect(c.perEffortHourSaved.value == nil)
        // Net value stays defined, interval included: 12 × 100 − 2,112 = −912; −500 − 2,112 = −2,612.
        #expect(Self.near(c.netValue.value, -912))
        #expect(Self.near(c.netValue.low, -2_612))
        let insufficient = Self.botCost(Self.input(), effort: .insufficient("too few tasks"))
        #expect(insufficient.perEffortHourSaved.status == "no saving measured")
        #expect(insufficient.netValue.status == "no saving measured")
    }

    @Test("tokens of a model without a price make the total unknown, never zero")
    func unpriced() {
        let extra = TokenUsage(
            assistant: "bot", day: Self.day("2026-03-21").utcDayNumber, provider: "openai", model: "mystery",
            aiTasks: 1, tasksWithTokens: 1, inputTokens: 10, outputTokens: 10)
        let c = Self.botCost(Self.input(extraUsage: [extra]))
        #expect(c.tokenSpend == nil && c.total == nil)
        #expect(c.unpricedModels == ["openai/mystery"])
        #expect(c.note?.contains("no token prices for model openai/mystery") == true)
        #expect(c.perEffortHourSaved.status == "no cost recorded")
        #expect(c.netValue.status == "no cost recorded")
        #expect(Self.near(c.licence, 2_100))
    }

    @Test("an assistant with nothing recorded: 'no cost recorded'")
    func nothingRecorded() {
        let c = CostEstimator(options: ReportOptions()).assistantCost(
            "other", Self.input(), touchedCases: 5, effortSaved: Self.estimate(3, 1, 5),
            realizedSaving: Self.estimate(0.1, 0.05, 0.2), treatedCases: 5)
        #expect(c.total == nil && c.licence == nil && c.tokenSpend == nil)
        #expect(c.aiTasks == 5 && c.aiTasksWithTokens == 0)
        #expect(c.note == "no cost recorded")
        #expect(c.perTouchedCase == nil)
        #expect(c.perEffortHourSaved.status == "no cost recorded")
        #expect(c.netValue.status == "no hourly rate")
    }

    @Test("portfolio: every licence (used or not) and every token; derived figures from the any-AI row")
    func portfolio() {
        var row = ValueReport.AssistantValue(
            name: "any AI", taskSpeedups: [], effortSavedHours: Self.estimate(30, 20, 45),
            effortSavedShare: Self.estimate(0.2, 0.1, 0.3), predictedSavingHours: Self.estimate(1, 0.5, 2),
            realizedSavingHours: Self.estimate(-0.1, -0.3, 0.1), realizedLeadReduction: Self.estimate(0, 0, 0),
            frictionAbsorbedHours: Self.estimate(0, 0, 0), measuredRating: "some", ratingReason: "",
            perceivedResponses: 0)
        row.workflowEffect = nil
        var options = ReportOptions()
        options.hourlyRate = 100
        let p = CostEstimator(options: options).portfolioCost(row, Self.input(), touchedCases: 60)
        // Licences 2,100 + 310 = 2,410; tokens 12; total 2,422.
        #expect(Self.near(p.licence, 2_410))
        #expect(Self.near(p.tokenSpend, 12))
        #expect(Self.near(p.total, 2_422))
        #expect(p.aiTasks == 43 && p.aiTasksWithTokens == 30)
        #expect(p.unusedLicences == ["unused"])
        #expect(p.withoutCost == ["other"])
        #expect(p.note?.contains("excludes other") == true)
        // 2,422 / 30 = 80.7333…; 2,422 / 45 = 53.8222…; 2,422 / 20 = 121.1.
        #expect(Self.near(p.perEffortHourSaved.value, 2_422.0 / 30))
        #expect(Self.near(p.perEffortHourSaved.low, 2_422.0 / 45))
        #expect(Self.near(p.perEffortHourSaved.high, 121.1))
        // −ΔL's interval includes 0.
        #expect(p.perLeadHourSaved.status == "no saving measured")
        // 30 × 100 − 2,422 = 578; 20 × 100 − 2,422 = −422; 45 × 100 − 2,422 = 2,078.
        #expect(Self.near(p.netValue.value, 578))
        #expect(Self.near(p.netValue.low, -422))
        #expect(Self.near(p.netValue.high, 2_078))
        // 2,422 / 60 touched cases.
        #expect(Self.near(p.perTouchedCase, 2_422.0 / 60))
    }

    @Test("a report of a tenant that recorded nothing about costs has no cost figures")
    func absentWithoutCosts() {
        let report = ReportFixtures.build(ReportFixtures.handComputedInput())
        #expect(report.costs == nil)
        #expect(report.assistants.allSatisfy { $0.cost == nil })
        #expect(!report.text.contains("WHAT IT COSTS"))
    }

    @Test("the builder attaches costs when a licence is recorded, and renders 'What it costs'")
    func builderAttaches() {
        var input = ReportFixtures.handComputedInput()
        input.assistants.append(
            AssistantMetadata(name: "bot", licence: AssistantLicence(monthlyCost: 1_000, currency: "USD")))
        let report = ReportFixtures.build(input, ReportFixtures.options(hourlyRate: 50))
        let bot = report.assistants.first { $0.name == "bot" }
        // The fixture's period is 2026-03-01 to 2026-05-30: March and April whole, 29/31 of May.
        let licence = 1_000 * (2 + 29.0 / 31)
        #expect(Self.near(bot?.cost?.licence, licence))
        #expect(Self.near(bot?.cost?.total, licence))
        #expect(Self.near(report.costs?.total, licence))
        #expect(report.text.contains("WHAT IT COSTS"))
        #expect(report.markdown.contains("## What it costs"))
        #expect(report.text.contains("USD 2,935.48"))
    }
}
