import BatonSimulation
import Foundation
import Testing

@testable import BatonCore

/// Issue 22's validation of the intervention figures (`Docs/interventions.md`): over 20 seeds of
/// the `interventions` scenario (four dated process changes with known effects under a common wait
/// trend; one of them a placebo that changes nothing), each intervention's 95% interval must cover
/// its true effect (every case replayed without it) in at least 18 seeds, and the placebo may be
/// called "changed" in at most 2. Slow: `.ci/run` runs it (`BATON_SLOW_TESTS=1`) and prints what
/// it measured.
@Suite("The intervention figures against the simulator's truth")
struct InterventionValidationTests {
    static let slow = ProcessInfo.processInfo.environment["BATON_SLOW_TESTS"] == "1"
    static let seeds = 1...20

    /// The scenario's seeds, apart from every other scenario's (as `EffectValidationTests` does).
    static func seed(_ k: Int) -> UInt64 {
        UInt64(k) * 7_919 + UInt64(Scenario.bundledNames.count + 2) * 1_000_003
    }

    @Test(
        "each intervention's interval covers its true effect in at least 18 of 20 seeds; the placebo is called changed in at most 2",
        .enabled(if: slow, "slow (20 simulated SOCs of 20,000 cases): runs in .ci/run, which sets BATON_SLOW_TESTS=1"))
    func coverage() throws {
        let scenario = try Scenario.bundled(named: "interventions")
        let specs = try #require(scenario.interventions)
        var covered = [Int](repeating: 0, count: specs.count)
        var changed = [Int](repeating: 0, count: specs.count)
        var error = [Double](repeating: 0, count: specs.count)
        var relativeError = [Double](repeating: 0, count: specs.count)
        var lines: [String] = []
        for k in Self.seeds {
            let sim = SOCSimulator(scenario: scenario, seed: Self.seed(k))
            let workflows = sim.workflows(tenantIndex: 0)
            let truths = sim.interventionTruth(tenantIndex: 0, workflows: workflows)
            let input = sim.reportInput(tenantIndex: 0, workflows: workflows)
            let measured = InterventionEstimator(options: ReportOptions()).estimate(input)
            #expect(measured.count == specs.count)
            for (j, truth) in truths.enumerated() {
                let e = try #require(measured.first { $0.id == truth.id })
                let estimate = e.effectMinutes
                if let low = estimate.low, let high = estimate.high, low <= truth.effectMinutes,
                    truth.effectMinutes <= high
                {
                    covered[j] += 1
                }
                if e.verdict == "changed" { changed[j] += 1 }
                error[j] += (estimate.value ?? .nan) - truth.effectMinutes
                relativeError[j] += (e.relativeEffect ?? .nan) - truth.relativeEffect
                lines.append(
                    "seed \(k) #\(truth.id) \(truth.target) ×\(truth.factor): truth \(String(format: "%+.2f", truth.effectMinutes)) min (\(truth.handoffsAfter) handoffs after), estimate \(HumanFormat.estimate(estimate) { String(format: "%+.2f", $0) }) min, \(e.verdict)"
                )
            }
        }
        for line in lines { print("interventions \(line)") }
        let n = Self.seeds.count
        for (j, spec) in specs.enumerated() {
            print(
                "interventions #\(j + 1) \(spec.target) ×\(spec.factor): interval covers the truth in \(covered[j]) of \(n) seeds, called changed in \(changed[j]), mean error \(String(format: "%+.2f", error[j] / Double(n))) min per handoff"
            )
            #expect(covered[j] >= 18, "#\(j + 1) \(spec.target): covered in \(covered[j]) of \(n)")
            // The relative effect the pages show (no interval of its own) is right on average.
            let relative = relativeError[j] / Double(n)
            print("interventions #\(j + 1): mean error of the relative effect \(String(format: "%+.4f", relative))")
            #expect(abs(relative) < 0.02, "#\(j + 1) \(spec.target): relative effect off by \(relative) on average")
            if spec.factor == 1 {
                #expect(changed[j] <= 2, "the placebo #\(j + 1) was called changed in \(changed[j]) of \(n)")
            } else {
                #expect(
                    changed[j] == n, "#\(j + 1) \(spec.target) (×\(spec.factor)) was detected in \(changed[j]) of \(n)")
            }
        }
    }
}
