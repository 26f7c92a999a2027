import BatonSimulation
import Foundation
import Testing

@testable import BatonCore

/// value-model §9: the value report's default estimator against the simulator's counterfactual
/// truth (every touched case replayed with the assistant switched off), over 20 seeds of each
/// bundled scenario: severity-dependent paths, staggered rollouts under a wait trend, assistants
/// sharing cases, AI used more on low-severity cases, and the default. Slow: `.ci/run` runs it
/// (`BATON_SLOW_TESTS=1`), and prints the coverage it measured.
@Suite("The workflow effect against the simulator's counterfactual truth")
struct EffectValidationTests {
    static let slow = ProcessInfo.processInfo.environment["BATON_SLOW_TESTS"] == "1"
    /// Cases per simulated SOC (the demo has 20,000). The sign criterion needs a standard error
    /// well below the smallest truth over 10 minutes: the SOAR copilot's truth is −26 to −35 min,
    /// and at 12,000 cases its standard error was about 15 min (a wrong sign in about one seed in
    /// twenty), at 40,000 up to 9.4 min (one wrong sign in 100 seeds, a 3.1σ draw). 60,000 brings
    /// the smallest truth over its standard error to about 3.7, where a wrong sign has odds of
    /// about 1 in 10,000 per seed.
    static let workflows = 60_000
    static let seeds = 1...20

    /// A scenario's seeds. Each scenario has its own: the simulator draws a case's random numbers
    /// from the seed and the case's number, so with equal seeds every scenario would replay the
    /// same luck and the five would not be independent checks.
    static func seed(_ k: Int, scenario name: String) -> UInt64 {
        UInt64(k) * 7_919 + UInt64(Scenario.bundledNames.firstIndex(of: name) ?? 0) * 1_000_003
    }

    struct Tally: CustomStringConvertible {
        var covered = [0, 0, 0]
        var wrongSign: [String] = []
        /// Intervals that exclude 0 on the wrong side of a truth over 10 minutes: a claim the
        /// report would make in the wrong direction.
        var wrongClaims: [String] = []
        var description: String {
            "ΔL \(covered[0])/20, ΔA \(covered[1])/20, ΔW \(covered[2])/20, sign wrong in \(wrongSign.count)"
        }
    }

    // value-model §9 asks, per assistant, for coverage in at least 18 of 20 seeds and a right sign
    // whenever the truth is over 10 minutes. The sign is asserted. "At least 18 of 20" for each of
    // the 75 assistant × figure pairs is a test that correct 95% intervals fail: a pair passes
    // with probability 92.45% (binomial, 20 seeds, p = 0.95) and all 75 with probability 0.3%;
    // about 5.7 pairs below 18 are expected. It is checked and reported as a known issue, visibly.
    // What is asserted is what calibrated intervals do with near certainty, and what the report
    // must never do: every pair covers in at least 15 of 20 (a calibrated pair misses that with
    // probability 0.03%), at most 4 of a scenario's 15 pairs fall below 18 (0.5%), 90% of a
    // scenario's intervals cover, and no interval excludes zero on the wrong side of the truth.
    @Test(
        "each assistant's 95% intervals for ΔL, ΔA and ΔW cover the simulator's truth, and no interval claims the wrong direction",
        .enabled(if: slow, "slow (100 simulated SOCs): runs in .ci/run, which sets BATON_SLOW_TESTS=1"),
        arguments: Scenario.bundledNames)
    func coverage(scenario name: String) throws {
        var scenario = try Scenario.bundled(named: name)
        scenario.workflows = Self.workflows
        var tallies: [String: Tally] = [:]
        // The other figures a reader sees: the lead-time reduction (a share of the
        // counterfactual lead), effort saved and its share, Δintake, Δclosure and ΔW per handoff
        // class.
        var others = (covered: 0, total: 0, wrongClaims: [String]())
        func check(_ estimate: ValueReport.Estimate?, _ truth: Double, margin: Double, _ what: String) {
            others.total += 1
            if let low = estimate?.low, let high = estimate?.high, low <= truth, truth <= high { others.covered += 1 }
            if abs(truth) > margin, let e = estimate, (truth > 0 && e.below(0)) || (truth < 0 && e.above(0)) {
                others.wrongClaims.append("\(what): truth \(truth), interval \(e)")
            }
        }
        for seed in Self.seeds {
            let sim = SOCSimulator(scenario: scenario, seed: Self.seed(seed, scenario: name))
            let truth = try #require(sim.groundTruth().tenants.first)
            let workflows = sim.workflows(tenantIndex: 0)
            let report = ValueReportBuilder().build(sim.reportInput())
            for a in truth.assistants {
                var tally = tallies[a.name, default: Tally()]
                let measured = report.assistants.first { $0.name == a.name }
                let effect = measured?.workflowEffect
                let touched = workflows.filter { $0.assistants.contains(a.name) }
                let meanLead = touched.reduce(0.0) { $0 + Double($1.lead) } / Double(touched.count) / 60_000_000
                check(
                    measured?.realizedLeadReduction, -a.deltaLeadMinutes / (meanLead - a.deltaLeadMinutes),
                    margin: 0.02,
                    "seed \(seed) \(a.name) reduction")
                // Effort saved (value-model §3), against the analyst time the replay's tasks took.
                check(measured?.effortSavedHours, a.effortSavedHours, margin: 1, "seed \(seed) \(a.name) effort")
                check(
                    measured?.effortSavedShare, a.effortSavedShare, margin: 0.02,
                    "seed \(seed) \(a.name) effort share")
                check(
                    effect?.deltaIntakeHours, a.deltaIntakeMinutes / 60, margin: 1.0 / 6,
                    "seed \(seed) \(a.name) intake")
                check(
                    effect?.deltaClosureHours, a.deltaClosureMinutes / 60, margin: 1.0 / 6,
                    "seed \(seed) \(a.name) closure")
                for (handoffClass, minutes) in a.deltaWaitByClassMinutes where handoffClass.contains("->") {
                    // The simulator names classes `from->to`, the report `from→to`.
                    let name = handoffClass.replacingOccurrences(of: "->", with: "→")
                    check(
                        effect?.deltaWaitByClass.first { $0.handoffClass == name }?.deltaHours, minutes / 60,
                        margin: 1.0 / 6, "seed \(seed) \(a.name) \(name)")
                }
                let pairs: [(ValueReport.Estimate?, Double)] = [
                    (effect?.deltaLeadHours, a.deltaLeadMinutes), (effect?.deltaTouchHours, a.deltaTouchMinutes),
                    (effect?.deltaWaitHours, a.deltaWaitMinutes),
                ]
                for (k, (estimate, minutes)) in pairs.enumerated() {
                    // Insufficient data never covers: the test needs a figure.
                    if let low = estimate?.low, let high = estimate?.high, low * 60 <= minutes, minutes <= high * 60 {
                        tally.covered[k] += 1
                    }
                    if abs(minutes) > 10, let e = estimate,
                        (minutes > 0 && e.below(0)) || (minutes < 0 && e.above(0))
                    {
                        tally.wrongClaims.append("seed \(seed) figure \(k): truth \(minutes) min, interval \(e)")
                    }
                }
                if abs(a.deltaLeadMinutes) > 10 {
                    let value = effect?.deltaLeadHours.value ?? 0
                    if value * a.deltaLeadMinutes <= 0 {
                        tally.wrongSign.append(
                            "seed \(seed): truth \(String(format: "%+.1f", a.deltaLeadMinutes)) min, estimate \(String(format: "%+.1f", value * 60)) min"
                        )
                    }
                }
                tallies[a.name] = tally
            }
        }
        var covered = 0
        var below18 = 0
        for (assistant, tally) in tallies.sorted(by: { $0.key < $1.key }) {
            print("validation \(name) \(assistant): \(tally)")
            covered += tally.covered.reduce(0, +)
            below18 += tally.covered.filter { $0 < 18 }.count
            #expect(tally.wrongClaims.isEmpty, "\(name) \(assistant): \(tally.wrongClaims)")
            #expect(tally.wrongSign.isEmpty, "\(name) \(assistant): wrong sign in \(tally.wrongSign)")
            for k in 0..<3 {
                #expect(tally.covered[k] >= 15, "\(name) \(assistant): \(tally)")
            }
            withKnownIssue(
                "value-model §9 read literally: at least 18 of 20 for every pair (see the binomial note above)",
                isIntermittent: true
            ) {
                for k in 0..<3 { #expect(tally.covered[k] >= 18, "\(name) \(assistant): \(tally)") }
            }
        }
        print("validation \(name): \(below18) of \(tallies.count * 3) assistant × figure pairs below 18 of 20")
        #expect(below18 <= 4, "\(name): \(below18) pairs below 18 of 20")
        let share = Double(covered) / Double(tallies.count * 3 * Self.seeds.count)
        print("validation \(name): \(String(format: "%.1f", share * 100))% of the intervals cover the truth")
        print(
            "validation \(name): reduction, intake, closure and class intervals cover the truth in \(others.covered) of \(others.total)"
        )
        #expect(others.wrongClaims.isEmpty, "\(name): \(others.wrongClaims.prefix(5))")
        // Measured 93.8% (staggered-rollouts) to 95.7%; the ΔL, ΔA, ΔW figures' own floor is 90%.
        #expect(Double(others.covered) >= 0.88 * Double(others.total), "\(name): \(others)")
        #expect(share >= 0.90, "\(name): coverage \(share)")
        #expect(tallies.count == scenario.assistants.count)
    }

    /// The rating the true effect implies: the rule of value-model §5 applied to the truth, whose
    /// intervals have no width. The true lead reduction is −ΔL over the touched cases' mean lead
    /// time without the assistant; the true task gain is the configured speedup, its effort share
    /// 1 − 1/speedup.
    static func impliedRating(_ a: GroundTruth.AssistantTruth, meanLeadMinutes: Double) -> String {
        let counterfactual = meanLeadMinutes - a.deltaLeadMinutes
        let reduction = -a.deltaLeadMinutes / counterfactual
        var result = WorkflowEffectEstimator.Result.insufficient(estimator: .eligible, note: "", treated: 1)
        result.effect.deltaLeadHours = .ok(a.deltaLeadMinutes / 60, (a.deltaLeadMinutes / 60, a.deltaLeadMinutes / 60))
        result.realizedReduction = .ok(reduction, (reduction, reduction))
        result.sufficient = true
        let speedup = ValueReport.TaskSpeedup(
            taskType: a.taskType, baselineTasks: 1, treatedTasks: 1,
            speedup: .ok(a.taskSpeedup, (a.taskSpeedup, a.taskSpeedup)),
            mixAdjustedSavingMinutes: nil)
        let effort = 1 - 1 / a.taskSpeedup
        return ValueRatingRule(options: ReportOptions()).rate(
            effect: result, mainSpeedup: speedup, effortShare: .ok(effort, (effort, effort))
        ).rating
    }

    /// The decision (`AssistantDecision`) an assistant without a recorded cost gets from its rating.
    static func impliedVerdict(_ rating: String) -> String {
        switch rating {
        case "excellent", "good": AssistantDecision.keep
        case "some": AssistantDecision.fixHandoffs
        case "insufficient data": AssistantDecision.notEnoughEvidence
        default: AssistantDecision.reconsider
        }
    }

    @Test(
        "in the default scenario (the demo's 20,000 cases) each assistant's measured rating and decision are the ones its true effect implies",
        .enabled(if: slow, "slow (20,000 simulated cases): runs in .ci/run, which sets BATON_SLOW_TESTS=1"))
    func ratings() throws {
        let scenario = try Scenario.bundledDefault()
        let sim = SOCSimulator(scenario: scenario, seed: 1)
        let truth = try #require(sim.groundTruth().tenants.first)
        let workflows = sim.workflows(tenantIndex: 0)
        let report = ValueReportBuilder().build(sim.reportInput())
        for a in truth.assistants {
            let touched = workflows.filter { $0.assistants.contains(a.name) }
            let mean = touched.reduce(0.0) { $0 + Double($1.lead) } / Double(touched.count) / 60_000_000
            let implied = Self.impliedRating(a, meanLeadMinutes: mean)
            let measured = try #require(report.assistants.first { $0.name == a.name })
            print(
                "rating \(a.name): implied \(implied), measured \(measured.measuredRating) (\(measured.ratingReason))")
            #expect(measured.measuredRating == implied, "\(a.name): \(measured.ratingReason)")
            // The decision the truth implies (no costs in this scenario: the rating decides it).
            let verdict = measured.decision?.verdict
            print("decision \(a.name): \(verdict ?? "none"), truth implies \(Self.impliedVerdict(implied))")
            #expect(verdict == Self.impliedVerdict(implied), "\(a.name): \(measured.decision?.rule ?? "no decision")")
            // And the lead-time interval covers the truth. Measured: it does for four of five; the
            // siem-triage assistant's [12.4, 29.1] min misses its truth, 29.3 min, by 0.2 min (a
            // 2-σ draw: in the validation above, 60,000 cases a seed, its ΔL intervals cover the
            // truth in 17 to 20 of 20 seeds per scenario, 94 of 100 in all). Recorded as a known issue, visibly, rather than tuned away.
            let e = try #require(measured.workflowEffect?.deltaLeadHours)
            print("demo \(a.name): ΔL \(e) h, truth \(a.deltaLeadMinutes) min")
            #expect(e.value != nil)
            withKnownIssue("the demo seed's siem-triage-assistant interval misses by 0.2 min", isIntermittent: true) {
                #expect((e.low ?? .nan) * 60 <= a.deltaLeadMinutes && a.deltaLeadMinutes <= (e.high ?? .nan) * 60)
            }
        }
    }
}
