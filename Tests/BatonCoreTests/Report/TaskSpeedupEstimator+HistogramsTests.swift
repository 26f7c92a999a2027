import BatonSimulation
import Foundation
import Testing

@testable import BatonCore

/// The speedup from rollups against the speedup from rows (value-model §10): the point estimate
/// within γ − 1 = 0.5%, the interval's ends within 2% where the two bootstraps are the same
/// (one task of the type per case), the mix-adjusted saving identical.
@Suite struct TaskSpeedupEstimatorHistogramsTests {
    static let severities = ["low", "medium", "high", "critical"]

    /// Tasks of one type, each a case of its own unless `caseOf` gives it one.
    struct Sample {
        var input: ReportInput
        var baseline: [Int32]
        var treated: [Int32]

        init(baseline b: [Int64], treated t: [Int64], seed: UInt64, caseOf: ((Int) -> Int)? = nil) {
            var g = SeededGenerator(seed: seed)
            var tasks: [ReportInput.TaskObservation] = []
            for (i, d) in (b + t).enumerated() {
                let ai = i >= b.count
                tasks.append(
                    .init(
                        taskType: "triage",
                        severity: TaskSpeedupEstimatorHistogramsTests.severities[
                            g.index(below: ai ? 2 : 4) + (ai ? 1 : 0)],
                        assistant: ai ? "bot" : nil, aiTouched: ai, durationMicroseconds: d,
                        startedAt: Timestamp(microseconds: 1_000 * Int64(i)), workflow: caseOf?(i)))
            }
            input = ReportInput(
                tenant: "t", from: Timestamp(microseconds: 0), to: Timestamp(microseconds: 1), tasks: tasks,
                workflows: [], openWorkflows: 0, inferredOpenings: 0, assistants: [], perceptions: [:],
                friction: ReportFixtures.noFriction, readiness: ReportFixtures.noReadiness)
            baseline = (0..<b.count).map(Int32.init)
            treated = (b.count..<(b.count + t.count)).map(Int32.init)
        }

        func rollups(_ indexes: [Int32]) -> [String: DurationRollup] {
            TaskSpeedupEstimatorHistogramsTests.rollups(indexes, of: input)
        }
    }

    /// The rollups a database would hold for the tasks `indexes` of `input`, per severity name.
    static func rollups(_ indexes: [Int32], of input: ReportInput) -> [String: DurationRollup] {
        TaskSpeedupEstimator.rollups(indexes, input)
    }

    static func options(resamples: Int) -> ReportOptions {
        var o = ReportOptions()
        o.resamples = resamples
        return o
    }

    @Test(
        "the point estimate is within γ − 1 of the rows', and the saving is the rows'",
        arguments: [(30, 30), (31, 57), (200, 101), (2_000, 1_500), (20_000, 8_000)])
    func pointEstimateAgrees(nb: Int, nt: Int) throws {
        let estimator = TaskSpeedupEstimator(options: Self.options(resamples: 200))
        for (sigma, seed) in [(0.7, 1 as UInt64), (1.6, 2), (2.5, 3)] {
            let s = Sample(
                baseline: DurationSamples.realistic(nb, medianMinutes: 14, sigma: sigma, seed: seed &+ 100),
                treated: DurationSamples.realistic(nt, medianMinutes: 6, sigma: sigma * 0.8, seed: seed &+ 200),
                seed: seed)
            let rows = estimator.estimate("triage", baseline: s.baseline, treated: s.treated, s.input, seed: 9)
            let bins = estimator.estimate(
                "triage", baseline: s.rollups(s.baseline), treated: s.rollups(s.treated), seed: 9)
            let r = try #require(rows.speedup.value)
            let h = try #require(bins.speedup.value)
            #expect(abs(h / r - 1) <= DurationHistogram.gamma - 1 + 1e-9, "nb \(nb), nt \(nt), σ \(sigma)")
            #expect(bins.mixAdjustedSavingMinutes == rows.mixAdjustedSavingMinutes)
            #expect(rows.mixAdjustedSavingMinutes != nil)
            #expect(bins.baselineTasks == nb && bins.treatedTasks == nt)
        }
    }

    @Test func belowTheMinimumSampleBothAreInsufficient() {
        let estimator = TaskSpeedupEstimator(options: Self.options(resamples: 100))
        let s = Sample(
            baseline: DurationSamples.realistic(29, medianMinutes: 14, sigma: 1, seed: 1),
            treated: DurationSamples.realistic(300, medianMinutes: 6, sigma: 1, seed: 2), seed: 3)
        let rows = estimator.estimate("triage", baseline: s.baseline, treated: s.treated, s.input, seed: 9)
        let bins = estimator.estimate("triage", baseline: s.rollups(s.baseline), treated: s.rollups(s.treated), seed: 9)
        #expect(rows.speedup.value == nil)
        #expect(bins == rows)
    }

    @Test func aZeroAIMedianIsInsufficientOnBothPaths() {
        let estimator = TaskSpeedupEstimator(options: Self.options(resamples: 100))
        let s = Sample(
            baseline: DurationSamples.realistic(100, medianMinutes: 14, sigma: 1, seed: 1),
            treated: [Int64](repeating: 0, count: 60)
                + DurationSamples.realistic(40, medianMinutes: 6, sigma: 1, seed: 2),
            seed: 3)
        let rows = estimator.estimate("triage", baseline: s.baseline, treated: s.treated, s.input, seed: 9)
        let bins = estimator.estimate("triage", baseline: s.rollups(s.baseline), treated: s.rollups(s.treated), seed: 9)
        #expect(rows.speedup.value == nil)
        #expect(bins == rows)
    }

    /// 10,000 resamples on each path: with 800–3,000 tasks per arm the replicates' spread is
    /// 4–10% of the speedup, and the Monte Carlo error of a 2.5th or 97.5th percentile about 3% of
    /// that spread, so under 0.3%; binning moves each end by at most 0.5%.
    @Test(
        "the interval's ends are within 2% of the rows' when each case has one task of the type",
        arguments: [(800, 800, 0.8), (3_000, 1_200, 1.4), (1_500, 2_500, 2.2)])
    func intervalAgrees(nb: Int, nt: Int, sigma: Double) throws {
        let estimator = TaskSpeedupEstimator(options: Self.options(resamples: 10_000))
        let s = Sample(
            baseline: DurationSamples.realistic(nb, medianMinutes: 25, sigma: sigma, seed: UInt64(nb)),
            treated: DurationSamples.realistic(nt, medianMinutes: 10, sigma: sigma, seed: UInt64(nt) &+ 1),
            seed: 4)
        let rows = estimator.estimate("triage", baseline: s.baseline, treated: s.treated, s.input, seed: 17)
        let bins = estimator.estimate(
            "triage", baseline: s.rollups(s.baseline), treated: s.rollups(s.treated), seed: 18)
        let (rl, rh) = (try #require(rows.speedup.low), try #require(rows.speedup.high))
        let (hl, hh) = (try #require(bins.speedup.low), try #require(bins.speedup.high))
        print(
            "speedup nb \(nb) nt \(nt) σ \(sigma): rows \(rows.speedup.value!) [\(rl), \(rh)], bins \(bins.speedup.value!) [\(hl), \(hh)], ends differ \(String(format: "%.3f%%, %.3f%%", 100 * (hl / rl - 1), 100 * (hh / rh - 1)))"
        )
        #expect(abs(hl / rl - 1) < 0.02)
        #expect(abs(hh / rh - 1) < 0.02)
        // Not a degenerate interval: it has width to compare.
        #expect(rh > rl * 1.02)
    }
}

/// The simulator's SOC, where a case may hold several tasks of a type: the rows' bootstrap then
/// redraws them together and the bins' cannot (`Docs/metrics.md`, "Computing at scale").
@Suite struct TaskSpeedupEstimatorHistogramsSimulationTests {
    @Test func onTheSimulatorsSOCPointEstimatesAgreeAndIntervalsAreMeasured() throws {
        let sim = SOCSimulator(scenario: try Scenario.bundled(named: "default"), seed: 5)
        let input = sim.reportInput()
        let c = input.taskColumns
        var o = ReportOptions()
        o.resamples = 4_000
        let estimator = TaskSpeedupEstimator(options: o)
        func rollups(_ indexes: [Int32]) -> [String: DurationRollup] {
            TaskSpeedupEstimatorHistogramsTests.rollups(indexes, of: input)
        }
        let pairs = Set(
            (0..<c.count).filter { c.aiTouched[$0] && c.assistant[$0] >= 0 }.map { [c.assistant[$0], c.type[$0]] })
        var measured = 0
        for pair in pairs.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            let (assistant, type) = (pair[0], pair[1])
            let baseline = (0..<c.count).filter { c.type[$0] == type && !c.aiTouched[$0] }.map(Int32.init)
            let treated = (0..<c.count).filter { c.type[$0] == type && c.aiTouched[$0] && c.assistant[$0] == assistant }
                .map(Int32.init)
            let rows = estimator.estimate(input.names[type], baseline: baseline, treated: treated, input, seed: 3)
            let bins = estimator.estimate(
                input.names[type], baseline: rollups(baseline), treated: rollups(treated), seed: 3)
            #expect(bins.mixAdjustedSavingMinutes == rows.mixAdjustedSavingMinutes)
            guard let r = rows.speedup.value else {
                #expect(bins.speedup.value == nil)
                continue
            }
            let h = try #require(bins.speedup.value)
            #expect(abs(h / r - 1) <= DurationHistogram.gamma - 1 + 1e-9)
            measured += 1
            // How many of the tasks share their case with another task of the two arms.
            var perCase: [Int32: Int] = [:]
            for i in baseline + treated { perCase[c.workflow[Int(i)], default: 0] += 1 }
            let shared = perCase.values.filter { $0 > 1 }.reduce(0, +)
            let (rl, rh, hl, hh) = (rows.speedup.low!, rows.speedup.high!, bins.speedup.low!, bins.speedup.high!)
            print(
                "simulated \(input.names[assistant]) \(input.names[type]): nB \(baseline.count) nT \(treated.count), tasks sharing a case \(shared), point rows \(r) bins \(h) (\(String(format: "%+.3f%%", 100 * (h / r - 1)))), interval rows [\(rl), \(rh)] bins [\(hl), \(hh)] (\(String(format: "%+.2f%%, %+.2f%%", 100 * (hl / rl - 1), 100 * (hh / rh - 1)))))"
            )
        }
        #expect(measured > 0)
    }
}

/// Figures, not a timed test: 1,000 bootstrap medians of a million durations, one draw per value
/// (`Statistics.resampledMedian`, as the rows' bootstrap) against a multinomial over the bins.
/// BatonCore is built with `-O` in every configuration, so the figures are optimised code's.
@Suite struct DurationBootstrapBenchmarkTests {
    @Test func aMillionValuesResampledAThousandTimesByRowsAndByBins() throws {
        let values = DurationSamples.realistic(1_000_000, medianMinutes: 12, sigma: 1.3, seed: 77).sorted()
        let clock = ContinuousClock()
        var g = SeededGenerator(seed: 1)
        var counts = [Int32](repeating: 0, count: values.count)
        var fromRows: [Double] = []
        let rowTime = clock.measure {
            for _ in 0..<1_000 {
                fromRows.append(Statistics.resampledMedian(sorted: values, counts: &counts, using: &g))
            }
        }
        var h = DurationHistogram()
        let binTime = clock.measure { h = DurationHistogram(values) }
        var scratch: [Int32] = []
        var fromBins: [Double] = []
        let resampleTime = clock.measure {
            for _ in 0..<1_000 { fromBins.append(h.resampled(using: &g, scratch: &scratch).quantile(0.5) ?? 0) }
        }
        print(
            "1,000 bootstrap medians of 1,000,000 durations: rows \(rowTime), bins \(resampleTime) (\(h.bins.count) bins; binning the million once \(binTime))"
        )
        // The two bootstraps agree: their percentile intervals within the binning error and noise.
        let (rl, rh) = try #require(Statistics.percentileInterval(fromRows))
        let (bl, bh) = try #require(Statistics.percentileInterval(fromBins))
        #expect(abs(bl / rl - 1) < 0.005)
        #expect(abs(bh / rh - 1) < 0.005)
        #expect(fromBins.count == 1_000)
    }

    @Test func theSpeedupOfAMillionTasksByRowsAndByRollups() throws {
        // 500,000 baseline and 500,000 AI tasks, each its own case; 1,000 resamples (the report's).
        let s = TaskSpeedupEstimatorHistogramsTests.Sample(
            baseline: DurationSamples.realistic(500_000, medianMinutes: 20, sigma: 1.2, seed: 1),
            treated: DurationSamples.realistic(500_000, medianMinutes: 8, sigma: 1.2, seed: 2), seed: 3)
        let estimator = TaskSpeedupEstimator(options: TaskSpeedupEstimatorHistogramsTests.options(resamples: 1_000))
        let clock = ContinuousClock()
        var rows: ValueReport.TaskSpeedup?
        let rowTime = clock.measure {
            rows = estimator.estimate("triage", baseline: s.baseline, treated: s.treated, s.input, seed: 4)
        }
        let (b, t) = (s.rollups(s.baseline), s.rollups(s.treated))
        var bins: ValueReport.TaskSpeedup?
        let binTime = clock.measure {
            bins = estimator.estimate("triage", baseline: b, treated: t, seed: 4)
        }
        let (r, h) = (try #require(rows?.speedup), try #require(bins?.speedup))
        print(
            "speedup of 1,000,000 tasks, 1,000 resamples: rows \(rowTime), rollups \(binTime); rows \(r), rollups \(h)")
        #expect(abs(try #require(h.value) / (try #require(r.value)) - 1) <= DurationHistogram.gamma - 1 + 1e-9)
        #expect(abs(try #require(h.low) / (try #require(r.low)) - 1) < 0.02)
        #expect(abs(try #require(h.high) / (try #require(r.high)) - 1) < 0.02)
    }
}
