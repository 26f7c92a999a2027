import BatonSimulation
import Foundation
import Testing

@testable import BatonCore

/// value-model §9, second point: a scenario with selection no recorded field shows
/// (`hidden-selection`: every case has a hidden ease that shortens all its steps and waits,
/// analysts use the AI more on the easy ones, and from the rollout on they also send easy cases
/// that used to skip the assistant's step to it), where the observational estimators fail and
/// the randomized holdout must still cover the truth. Over 20 seeds: the experiment's 95%
/// interval against the true intention-to-treat ΔL (every assigned case replayed in both arms),
/// the `eligible` estimator's against the true effect on the cases the assistant touched, `did`'s
/// against the true effect per eligible case after the rollout, and the anytime-valid sequence
/// looked at after every simulated day. Slow: `.ci/run` runs it (`BATON_SLOW_TESTS=1`) and
/// prints what it measured.
@Suite("The experiment estimator against the simulator's truth under hidden selection")
struct ExperimentValidationTests {
    static let slow = ProcessInfo.processInfo.environment["BATON_SLOW_TESTS"] == "1"
    static let workflows = 20_000
    static let seeds = 1...20

    /// The scenario's seeds, apart from every other scenario's (as `EffectValidationTests` does).
    static func seed(_ k: Int) -> UInt64 {
        UInt64(k) * 7_919 + UInt64(Scenario.bundledNames.count + 1) * 1_000_003
    }

    @Test(
        "under hidden selection the experiment's interval covers the true ΔL, eligible's and did's do not, and the anytime-valid sequence holds at every daily look",
        .enabled(if: slow, "slow (20 simulated SOCs of 20,000 cases): runs in .ci/run, which sets BATON_SLOW_TESTS=1"))
    func hiddenSelection() throws {
        var scenario = try Scenario.bundled(named: "hidden-selection")
        scenario.workflows = Self.workflows
        let subject = try #require(scenario.assistants.first { $0.experiment != nil })
        let spec = try #require(subject.experiment)
        var experimentCovered = 0
        var eligibleCovered = 0
        var complierCovered = 0
        var complierShown = 0
        var sequenceExcluded: [String] = []
        var lines: [String] = []
        var eligibleBias = 0.0
        var didCovered = 0
        var didBias = 0.0
        for k in Self.seeds {
            let sim = SOCSimulator(scenario: scenario, seed: Self.seed(k))
            let truth = try #require(sim.groundTruth().tenants.first?.assistants.first { $0.name == subject.name })
            let experimentTruth = try #require(truth.experiment)
            let workflows = sim.workflows(tenantIndex: 0)
            let input = sim.reportInput(tenantIndex: 0, workflows: workflows)

            // The default: both arms have far more than 30 cases, so the experiment is used.
            let report = ValueReportBuilder().build(input)
            let measured = try #require(report.assistants.first { $0.name == subject.name })
            #expect(measured.estimator == "experiment")
            let x = try #require(measured.experiment)
            let itt = x.intentionToTreat.deltaLeadHours
            let trueITT = experimentTruth.deltaLeadMinutes
            if let low = itt.low, let high = itt.high, low * 60 <= trueITT, trueITT <= high * 60 {
                experimentCovered += 1
            }
            if let c = x.complierDeltaLeadHours {
                complierShown += 1
                let t = experimentTruth.complierDeltaLeadMinutes
                if let low = c.low, let high = c.high, low * 60 <= t, t <= high * 60 { complierCovered += 1 }
            }

            // `eligible`, as a SOC without the experiment would measure it (no experiments in the
            // input), against its own estimand: the effect on the cases the assistant touched.
            var observational = input
            observational.experiments = []
            let eligible = try #require(
                ValueReportBuilder().build(observational).assistants.first { $0.name == subject.name }?.workflowEffect?
                    .deltaLeadHours)
            let att = truth.deltaLeadMinutes
            if let low = eligible.low, let high = eligible.high, low * 60 <= att, att <= high * 60 {
                eligibleCovered += 1
            }
            eligibleBias += (eligible.value ?? .nan) * 60 - att
            // `did` around the rollout, against its own estimand: the mean over the eligible cases
            // after the rollout (here exactly the assigned ones) of the effect, 0 where untouched.
            var didOptions = ReportOptions()
            didOptions.baseline = .did
            let did = ValueReportBuilder(options: didOptions).build(observational).assistants.first {
                $0.name == subject.name
            }?.workflowEffect?.deltaLeadHours
            let didTruth =
                att * Double(truth.workflowsTouched)
                / Double(experimentTruth.useWorkflows + experimentTruth.holdoutWorkflows)
            if let low = did?.low, let high = did?.high, low * 60 <= didTruth, didTruth <= high * 60 { didCovered += 1 }
            didBias += (did?.value ?? .nan) * 60 - didTruth

            // The anytime-valid sequence, as a report computed after every simulated day would give
            // it: the eligible assigned cases opened and closed by that day, in opening order.
            let start = try #require(scenario.startTimestamp)
            let assigned = workflows.filter { $0.arms[spec.name] != nil }
            var everExcluded: String?
            for day in 1...Int(scenario.days) + 30 {
                let now = start.adding(microseconds: Int64(day) * 86_400_000_000)
                let seen = assigned.filter { $0.workflow.openedAt < now && ($0.workflow.closedAt ?? now) <= now }
                let bound = ConfidenceSequence.last(
                    outcomes: seen.map { Double($0.lead) / 3_600_000_000 },
                    use: seen.map { $0.arms[spec.name] == .use },
                    holdoutShare: spec.holdoutShare,
                    tuningCases: spec.plannedSample ?? ConfidenceSequence.defaultTuningCases)
                // Looks begin once both arms have the minimum sample, as the report's do.
                guard let bound, seen.filter({ $0.arms[spec.name] == .holdout }).count >= 30,
                    seen.filter({ $0.arms[spec.name] == .use }).count >= 30
                else { continue }
                if bound.low * 60 > trueITT || bound.high * 60 < trueITT {
                    everExcluded = "day \(day): [\(bound.low * 60), \(bound.high * 60)] min, truth \(trueITT) min"
                    break
                }
            }
            if let everExcluded { sequenceExcluded.append("seed \(k) \(everExcluded)") }
            let cs = try #require(x.confidenceSequence)
            #expect(cs.high - cs.low > (itt.high ?? 0) - (itt.low ?? 0))
            lines.append(
                "seed \(k): ITT truth \(String(format: "%+.1f", trueITT)) min, estimate \(HumanFormat.estimate(itt) { String(format: "%+.1f", $0 * 60) }) min, sequence [\(String(format: "%+.1f", cs.low * 60)), \(String(format: "%+.1f", cs.high * 60))]; compliers truth \(String(format: "%+.1f", experimentTruth.complierDeltaLeadMinutes)), estimate \(x.complierDeltaLeadHours.map { HumanFormat.estimate($0) { String(format: "%+.1f", $0 * 60) } } ?? "none"); eligible truth \(String(format: "%+.1f", att)) min, estimate \(HumanFormat.estimate(eligible) { String(format: "%+.1f", $0 * 60) }) min; did truth \(String(format: "%+.1f", didTruth)) min, estimate \(did.map { HumanFormat.estimate($0) { String(format: "%+.1f", $0 * 60) } } ?? "none") min; further cases \(x.furtherCasesNeeded.map(String.init) ?? "none")"
            )
        }
        for line in lines { print("hidden-selection \(line)") }
        let n = Self.seeds.count
        print(
            "hidden-selection: experiment covers the true ITT ΔL in \(experimentCovered) of \(n) seeds; compliers \(complierCovered) of \(complierShown); eligible covers its true ΔL in \(eligibleCovered) of \(n) (mean error \(String(format: "%+.1f", eligibleBias / Double(n))) min); did covers its true ΔL in \(didCovered) of \(n) (mean error \(String(format: "%+.1f", didBias / Double(n))) min); the daily-looked sequence ever excluded the truth in \(sequenceExcluded.count) of \(n): \(sequenceExcluded)"
        )
        // A calibrated 95% interval covers in 18 of 20 or more with probability 92.45%, in 15 or
        // more with 99.97% (the binomial note of EffectValidationTests): 15 is asserted, 18 is the
        // value model's sentence, checked and reported as a known issue when it fails.
        #expect(experimentCovered >= 15)
        withKnownIssue("value-model §9 read literally: at least 18 of 20", isIntermittent: true) {
            #expect(experimentCovered >= 18)
        }
        // The observational estimator credits the assistant with the easiness: it must fail here.
        #expect(eligibleCovered <= 5, "eligible covered its truth in \(eligibleCovered) of \(n) seeds")
        // So must the before/after one: the eligible cases after the rollout are easier than before
        // (the easy cases routed to the step), which it credits to the assistant.
        #expect(didCovered <= 5, "did covered its truth in \(didCovered) of \(n) seeds")
        // Anytime-valid: ever excluding the truth over ~110 daily looks in at most 10% of seeds.
        #expect(sequenceExcluded.count <= 2, "\(sequenceExcluded)")
    }
}
