import Foundation
import Testing

@testable import BatonCore

// Value-model §7: a randomized holdout analysed as a trial. Every expected number is worked out
// in the comments from the fixture's own rows.

enum ExperimentFixtures {
    typealias E = EffectFixtures
    typealias F = ReportFixtures

    static let trial = Experiment(name: "trial", assistant: "bot", holdoutShare: 0.5, startsAt: F.from)

    /// `n` eligible cases of one arm with lead `lead ± 0.5` h (touch 1 h), touched by bot or not.
    static func arm(
        _ n: Int, _ arm: ExperimentArm, lead: Double, touched: Bool, severity: String = "high"
    ) -> [ReportInput.WorkflowObservation] {
        E.cases(n, lead: lead, severity: severity, touchedBy: touched ? ["bot"] : []).map {
            var w = $0
            w.arms = ["trial": arm]
            // The assistant's cases spend 0.2 h in alert-triage, the others 0.5 h.
            if touched { w.taskTypeTime = ["alert-triage": F.us(hours: 0.2)] }
            return w
        }
    }

    /// Use arm: 24 touched cases of 8 h and 6 untouched of 12 h (mean 8.8 h); holdout: 3 touched
    /// anyway (8 h) and `holdoutUntouched` untouched (12 h).
    static func trialCases(holdoutUntouched: Int = 27) -> [ReportInput.WorkflowObservation] {
        arm(24, .use, lead: 8, touched: true) + arm(6, .use, lead: 12, touched: false)
            + arm(3, .holdout, lead: 8, touched: true) + arm(holdoutUntouched, .holdout, lead: 12, touched: false)
    }

    static func report(
        _ workflows: [ReportInput.WorkflowObservation], experiments: [Experiment] = [trial],
        options: ReportOptions = F.options(resamples: 300)
    ) -> ValueReport {
        let input = ReportInput(
            tenant: "soc-a", from: F.from, to: F.to, tasks: E.tasks, workflows: workflows, openWorkflows: 0,
            inferredOpenings: 0, assistants: [], perceptions: [:], friction: F.noFriction, readiness: F.noReadiness,
            experiments: experiments)
        return ValueReportBuilder(options: options).build(input)
    }
}

@Suite struct ExperimentEstimatorTests {
    typealias X = ExperimentFixtures

    @Test("intention to treat, compliance and the effect on compliers, by hand")
    func handComputed() throws {
        let report = X.report(X.trialCases())
        let bot = try #require(report.assistants.first { $0.name == "bot" })
        let x = try #require(bot.experiment)
        #expect(x.useWorkflows == 30)
        #expect(x.holdoutWorkflows == 30)
        // Use arm mean (24 × 8 + 6 × 12) / 30 = 8.8 h; holdout (3 × 8 + 27 × 12) / 30 = 11.6 h.
        // ITT ΔL = −2.8 h; touch is 1 h everywhere: ΔA = 0, ΔW = −2.8 h, all at siem→soar.
        let itt = x.intentionToTreat
        #expect(itt.estimator == "experiment")
        #expect(isClose(itt.deltaLeadHours.value, -2.8))
        #expect(isClose(itt.deltaTouchHours.value, 0))
        #expect(isClose(itt.deltaWaitHours.value, -2.8))
        #expect(isClose(itt.deltaWaitByClass.first?.deltaHours.value, -2.8))
        #expect(itt.deltaLeadHours.below(0))
        // Compliance: 24/30 = 80% of the use arm, 3/30 = 10% of the holdout; difference 0.7.
        #expect(isClose(x.useTouchedShare, 0.8))
        #expect(isClose(x.holdoutTouchedShare, 0.1))
        #expect(isClose(x.complianceDifference.value, 0.7))
        #expect(x.complianceDifference.above(0))
        // Compliers: −2.8 / 0.7 = −4 h, the touched cases' 8 h against the untouched 12 h.
        #expect(isClose(x.complierDeltaLeadHours?.value, -4))
        #expect(isClose(x.complierDeltaWaitHours?.value, -4))
        let c = try #require(x.complierDeltaLeadHours)
        #expect((c.low ?? 0) <= -4 && -4 <= (c.high ?? 0))
        #expect(x.verdict.hasPrefix("bot shortens cases by 2 h 48 min per eligible case (randomized"))
        // Effort in alert-triage: use (24 × 0.2 + 6 × 0.5) / 30 = 0.26 h, holdout (3 × 0.2 + 27 × 0.5)
        // / 30 = 0.47 h: −0.21 h per eligible case.
        #expect(isClose(x.effortDeltaHours?.value, -0.21))
        #expect(x.effortDeltaHours?.below(0) == true)
        // At 30 cases per arm the sequence is given, over all 60, tuned for 1,000 cases.
        #expect(x.confidenceSequence?.cases == 60)
        #expect(x.confidenceSequence?.tuningCases == 1_000)
        // Power: 10% of 11.6 h is 1.16 h; with these small spreads few cases are needed, so none more.
        #expect(x.furtherCasesNeeded == 0)
        // 30 cases per arm is the minimum sample: the experiment is the assistant's estimator.
        #expect(bot.estimator == "experiment")
        #expect(bot.workflowEffect == itt)
        #expect(bot.estimatorNote?.contains("used by default") == true)
        #expect(
            report.headline.contains(
                "Measured by a randomized holdout (use arm minus holdout arm, per eligible case): bot (experiment trial)."
            ))
        #expect(report.headline.contains("bot made its eligible cases (randomized) 2 h 48 min faster"))
        #expect(report.options.baseline == .eligible)
    }

    @Test("the default switches to the experiment only when both arms have the minimum sample")
    func defaultSwitch() throws {
        // 29 held out: below the minimum of 30, the report keeps `eligible` and says why not.
        let below = X.report(X.trialCases(holdoutUntouched: 26))
        let bot = try #require(below.assistants.first { $0.name == "bot" })
        #expect(bot.estimator == "eligible")
        #expect(bot.estimatorNote == nil)
        let x = try #require(bot.experiment)
        #expect(x.intentionToTreat.deltaLeadHours.value == nil)
        #expect(
            x.intentionToTreat.deltaLeadHours.note?.contains("has 30 in the use arm and 29 held out") == true,
            "\(String(describing: x.intentionToTreat.deltaLeadHours.note))")
        #expect(x.verdict.hasPrefix("not enough cases yet"))
        // The anytime-valid sequence is asymptotic: not given below the minimum sample.
        #expect(x.confidenceSequence == nil)
        // Asked for explicitly, the experiment is used even below the minimum (insufficient data).
        var options = ReportFixtures.options(resamples: 300)
        options.baseline = .experiment
        let asked = X.report(X.trialCases(holdoutUntouched: 26), options: options)
        #expect(asked.assistants.first { $0.name == "bot" }?.estimator == "experiment")
        #expect(asked.assistants.first { $0.name == "bot" }?.measuredRating == "insufficient data")
        // Another estimator asked for is kept, and the experiment still shown beside it.
        options.baseline = .untouched
        let other = X.report(X.trialCases(), options: options)
        #expect(other.assistants.first { $0.name == "bot" }?.estimator == "untouched")
        #expect(other.assistants.first { $0.name == "bot" }?.experiment?.useWorkflows == 30)
        // Without an experiment, `experiment` has nothing to measure.
        let none = X.report(
            X.trialCases(), experiments: [],
            options: {
                var o = options; o.baseline = .experiment; return o
            }())
        #expect(
            none.assistants.first { $0.name == "bot" }?.workflowEffect?.deltaLeadHours.note?.contains("no experiment")
                == true)
    }

    @Test("strata are category × severity, weighted by the use arm's mix")
    func strata() throws {
        // high: use 30 × 8 h vs holdout 30 × 12 h (−4 h); low: use 60 × 3 h vs holdout 30 × 4 h
        // (−1 h). Weights 30/90 and 60/90: −4/3 − 2/3 = −2 h.
        let rows =
            X.arm(30, .use, lead: 8, touched: true) + X.arm(30, .holdout, lead: 12, touched: false)
            + X.arm(60, .use, lead: 3, touched: true, severity: "low")
            + X.arm(30, .holdout, lead: 4, touched: false, severity: "low")
        let x = try #require(X.report(rows).assistants.first { $0.name == "bot" }?.experiment)
        #expect(x.intentionToTreat.strata == 2)
        #expect(isClose(x.intentionToTreat.deltaLeadHours.value, -2))
        #expect(isClose(x.complianceDifference.value, 1))
        #expect(isClose(x.complierDeltaLeadHours?.value, -2))
    }

    @Test("the decomposition and the compliance difference hold in the estimate and in every resample")
    func identities() throws {
        var names = ReportNames()
        let rows = StratifiedContrastTests.decomposedRows(80)
        let columns = ReportInput.columns(of: rows, names: &names)
        let touched = (0..<80).map { $0 % 5 != 0 && $0 < 50 }
        func cells(_ predicate: (Int) -> Bool) -> [Int32] { (0..<80).filter(predicate).map { Int32($0) } }
        var contrast = StratifiedContrast(strata: [
            [
                .init(workflows: cells { $0 < 40 && $0 % 2 == 0 }, coefficient: 1),
                .init(workflows: cells { $0 >= 40 && $0 % 2 == 0 }, coefficient: -1),
            ],
            [
                .init(workflows: cells { $0 < 40 && $0 % 2 == 1 }, coefficient: 1),
                .init(workflows: cells { $0 >= 40 && $0 % 2 == 1 }, coefficient: -1),
            ],
        ])
        let plain = contrast.estimate(columns, resamples: 200, seed: 9)
        contrast.extra = touched.map { $0 ? 1 : 0 }
        let outcome = contrast.estimate(columns, resamples: 200, seed: 9)
        for f in [outcome.point] + outcome.replicates {
            #expect(abs(f.lead - (f.touch + f.wait)) < 1e-12)
            #expect(abs(f.wait - (f.intake + f.classes.reduce(0, +) + f.closure)) < 1e-9)
        }
        // The extra number changes no draw: the figures are those without it.
        #expect(plain.replicates.map(\.lead) == outcome.replicates.map(\.lead))
        // Compliance: use arm (< 40) touched unless i % 5 == 0: 16 of 20 per stratum; holdout
        // (40…79) touched when 40 ≤ i < 50 and i % 5 ≠ 0: 4 of 20 per stratum. 0.8 − 0.2 = 0.6.
        #expect(abs(outcome.point.extra - 0.6) < 1e-12)
        #expect(Set(outcome.replicates.map(\.extra)).count > 20)
    }

    @Test("further cases for a 10% change at 80% power, by hand")
    func power() {
        // Use {8, 10}: mean 9, s² 2; holdout {10, 12}: mean 11, s² 2; h = 0.5; δ = 1.1 h.
        // N = (1.959964 + 0.841621)² × (2/0.5 + 2/0.5) / 1.1² = 7.848880 × 8 / 1.21 = 51.89 → 52.
        let outcomes = [8.0, 10, 10, 12]
        let use = [true, true, false, false]
        #expect(ExperimentPower.requiredCases(outcomes: outcomes, use: use, holdoutShare: 0.5) == 52)
        #expect(ExperimentPower.furtherCases(outcomes: outcomes, use: use, holdoutShare: 0.5) == 48)
        // A 20% holdout weighs the holdout's variance by 1/0.2: 7.848880 × (2/0.8 + 2/0.2) / 1.21 = 81.08 → 82.
        #expect(ExperimentPower.requiredCases(outcomes: outcomes, use: use, holdoutShare: 0.2) == 82)
        #expect(ExperimentPower.requiredCases(outcomes: [1, 2], use: [true, false], holdoutShare: 0.5) == nil)
    }

    /// Outcomes of a two-arm trial: normal with sd 2 h, mean 10 h held out, 10 + `effect` in use.
    static func trial(_ n: Int, effect: Double, holdout h: Double, seed: UInt64) -> (y: [Double], use: [Bool]) {
        var g = SeededGenerator(seed: seed)
        var y: [Double] = []
        var use: [Bool] = []
        for _ in 0..<n {
            let u = g.uniform() >= h
            use.append(u)
            y.append(10 + (u ? effect : 0) + 2 * g.normal())
        }
        return (y, use)
    }

    @Test("the confidence sequence is wider than the fixed-horizon interval and shrinks with n")
    func sequenceWidth() throws {
        let (y, use) = Self.trial(4_000, effect: -1, holdout: 0.3, seed: 5)
        let bounds = ConfidenceSequence.running(outcomes: y, use: use, holdoutShare: 0.3, tuningCases: 1_000)
        #expect(bounds.count == 3_999)
        let at500 = bounds[498]
        let at4000 = try #require(bounds.last)
        #expect(at4000.high - at4000.low < at500.high - at500.low)
        // The fixed-horizon 95% interval of the difference of means at 4,000 cases.
        func moments(_ x: [Double]) -> (Double, Double) {
            let m = x.reduce(0, +) / Double(x.count)
            return (m, x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1))
        }
        let (mu, vu) = moments(zip(y, use).filter { $0.1 }.map(\.0))
        let (mh, vh) = moments(zip(y, use).filter { !$0.1 }.map(\.0))
        let nu = Double(use.filter { $0 }.count)
        let fixed = 2 * 1.96 * (vu / nu + vh / (4_000 - nu)).squareRoot()
        #expect(at4000.high - at4000.low > fixed)
        #expect(at4000.low <= -1 && -1 <= at4000.high)
        #expect(abs(at4000.estimate - (mu - mh)) < 0.3)
        // ρ² for t* = 1,000: (−2 log 0.05 + log(−2 log 0.05 + 1)) / 1,000.
        let l = -2 * log(0.05)
        #expect(abs(ConfidenceSequence.rhoSquared(tuningCases: 1_000) - (l + log(l + 1)) / 1_000) < 1e-15)
    }

    @Test("looked at after every case, the sequence excludes the true difference in few of 200 trials")
    func sequenceCoverage() {
        var excluded = 0
        for seed in 1...200 {
            let (y, use) = Self.trial(1_500, effect: -1, holdout: 0.25, seed: UInt64(seed))
            let bounds = ConfidenceSequence.running(outcomes: y, use: use, holdoutShare: 0.25, tuningCases: 1_000)
            // From 30 cases on, as the report needs (the asymptotic sequence is for moderate n).
            if bounds.dropFirst(28).contains(where: { $0.low > -1 || $0.high < -1 }) { excluded += 1 }
        }
        print("confidence sequence: excluded the truth at some look in \(excluded) of 200 trials")
        #expect(excluded <= 20)
    }
}
