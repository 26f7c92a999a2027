import BatonSimulation
import Foundation
import Testing

@testable import BatonCore

/// Value-model §9 for the report's normal-approximation path (§10): when every cell of every used
/// stratum has at least 30 cases, the report's workflow effects take their intervals from the
/// cells' moments instead of the bootstrap (`intervals` is `normal`). The `hidden-selection`
/// scenario with its cases in two categories and two severities (4 strata, every arm of the
/// experiment far above the floor): the experiment's intention-to-treat ΔL, ΔA and ΔW, the capture ratio and the
/// effect on compliers (Fieller's interval), as the report gives them, against the simulator's
/// counterfactual truth over 20 seeds, side by side with the bootstrap's intervals on the same
/// designs (1,000 resamples), which the report would give below the floor. Slow: `.ci/run` runs it (`BATON_SLOW_TESTS=1`).
@Suite("The report's normal intervals against the simulator's truth")
struct NormalIntervalValidationTests {
    static let slow = ProcessInfo.processInfo.environment["BATON_SLOW_TESTS"] == "1"
    static let seeds = 1...20

    /// Apart from every other validation's seeds.
    static func seed(_ k: Int) -> UInt64 { UInt64(k) * 7_919 + 4_000_037 }

    static func scenario() throws -> Scenario {
        var scenario = try Scenario.bundled(named: "hidden-selection")
        scenario.workflows = 12_000
        scenario.categories = ["phishing": 0.5, "malware": 0.5]
        scenario.severities = ["low": 0.5, "high": 0.5]
        return scenario
    }

    @Test(
        "the experiment's normal intervals cover the true intention-to-treat effects, the effect on compliers and the capture ratio",
        .enabled(if: slow, "slow (20 simulated SOCs of 12,000 cases): runs in .ci/run, which sets BATON_SLOW_TESTS=1"))
    func experimentCoverage() throws {
        let scenario = try Self.scenario()
        let subject = try #require(scenario.assistants.first { $0.experiment != nil })
        var covered: [String: Int] = [:]
        var bootstrapCovered: [String: Int] = [:]
        var complierShown = 0
        var captureShown = 0
        var normal = 0
        var smallest = Int.max
        for k in Self.seeds {
            let sim = SOCSimulator(scenario: scenario, seed: Self.seed(k))
            let truth = try #require(
                sim.groundTruth().tenants.first?.assistants.first { $0.name == subject.name }?.experiment)
            let input = sim.reportInput()
            let builder = ValueReportBuilder()
            let report = builder.build(input)
            let row = try #require(report.assistants.first { $0.name == subject.name })
            let x = try #require(row.experiment)
            let itt = x.intentionToTreat
            if itt.intervals == .normal { normal += 1 }
            smallest = min(smallest, itt.usedControlWorkflows / max(itt.strata, 1))
            // The bootstrap on the same design.
            let plan = try #require(builder.plans(input).first { $0.name == subject.name })
            let trial = try #require(ExperimentEstimator.experiment(for: subject.name, input))
            let design = ExperimentEstimator(options: builder.options).design(trial, plan, input)
            var contrast = design.contrast
            contrast.extra = design.extra
            let replicates = contrast.estimate(input.workflowColumns, resamples: 1_000, seed: plan.seed).replicates
            /// `truth` in the report's unit times `unit` (60: hours reported, minutes true).
            func check(
                _ name: String, _ e: ValueReport.Estimate?, _ truth: Double, unit: Double = 60,
                _ figure: (StratifiedContrast.Figures) -> Double
            ) {
                guard let e, let low = e.low, let high = e.high else { return }
                if low * unit <= truth, truth <= high * unit { covered[name, default: 0] += 1 }
                let b = Statistics.percentileInterval(replicates.map(figure))
                if let b, b.0 * unit <= truth, truth <= b.1 * unit { bootstrapCovered[name, default: 0] += 1 }
                print(
                    "normal-intervals seed \(k) \(name): truth \(String(format: "%+.3f", truth)), estimate \(HumanFormat.estimate(e) { String(format: "%+.3f", $0 * unit) }) (\(itt.intervals.rawValue)), bootstrap \(b.map { String(format: "[%+.3f, %+.3f]", $0.0 * unit, $0.1 * unit) } ?? "none") (minutes, or a ratio)"
                )
            }
            check("ITT ΔL", itt.deltaLeadHours, truth.deltaLeadMinutes, \.lead)
            check("ITT ΔA", itt.deltaTouchHours, truth.deltaTouchMinutes, \.touch)
            check("ITT ΔW", itt.deltaWaitHours, truth.deltaWaitMinutes, \.wait)
            // The capture ratio ΔL/ΔA (Fieller's interval on the normal path), against the ratio of
            // the true effects, when the report gives it (ΔA's interval excludes 0).
            if let capture = row.valueCaptureRatio, capture.value != nil {
                captureShown += 1
                check("capture ratio", capture, truth.deltaLeadMinutes / truth.deltaTouchMinutes, unit: 1) {
                    $0.touch != 0 ? $0.lead / $0.touch : .nan
                }
            }
            if let c = x.complierDeltaLeadHours {
                complierShown += 1
                check("compliers ΔL", c, truth.complierDeltaLeadMinutes) { $0.extra != 0 ? $0.lead / $0.extra : .nan }
            }
        }
        let n = Self.seeds.count
        print(
            "normal-intervals: \(normal) of \(n) reports took the normal path; covered \(covered.sorted { $0.key < $1.key }) of \(n) (compliers shown \(complierShown), capture ratio \(captureShown)); the bootstrap's on the same designs \(bootstrapCovered.sorted { $0.key < $1.key })"
        )
        // Not vacuous: every report must have taken the path under test.
        #expect(normal == n)
        #expect(complierShown == n)
        #expect(captureShown >= 15, "the capture ratio was given in \(captureShown) of \(n)")
        // As ExperimentValidationTests: 15 of 20 asserted (a calibrated 95% interval covers at
        // least 15 with probability 99.97%), 18 of 20 is the value model's sentence.
        for name in ["ITT ΔL", "ITT ΔA", "ITT ΔW", "compliers ΔL", "capture ratio"] {
            #expect(covered[name, default: 0] >= 15, "\(name): \(covered[name, default: 0]) of \(n)")
            // The two paths estimate the same spread: they differ in borderline seeds only.
            #expect(abs(covered[name, default: 0] - bootstrapCovered[name, default: 0]) <= 2, "\(name)")
        }
        withKnownIssue("value-model §9 read literally: at least 18 of 20", isIntermittent: true) {
            #expect(covered["ITT ΔL", default: 0] >= 18)
        }
    }
}
