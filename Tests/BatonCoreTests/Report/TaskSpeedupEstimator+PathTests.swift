import BatonSimulation
import Foundation
import Testing

@testable import BatonCore

/// Which path a task speedup takes in the report (value-model §10), and that the figure on the
/// histogram path is the rows' within its stated error.
@Suite struct TaskSpeedupEstimatorPathTests {
    typealias Sample = TaskSpeedupEstimatorHistogramsTests.Sample

    static func options(resamples: Int) -> ReportOptions {
        var o = ReportOptions()
        o.resamples = resamples
        return o
    }

    @Test("a large sample with one task per case takes the histograms, a small one the rows")
    func pathBySize() throws {
        let estimator = TaskSpeedupEstimator(options: Self.options(resamples: 300))
        let large = TaskSpeedupEstimator.histogramMinimumTasks
        for (nb, nt, expected) in [
            (large / 2, large / 2, ComputationPath.histograms), (large / 2, large / 2 - 1, .rows), (400, 300, .rows),
        ] {
            let s = Sample(
                baseline: DurationSamples.realistic(nb, medianMinutes: 14, sigma: 1, seed: 1),
                treated: DurationSamples.realistic(nt, medianMinutes: 6, sigma: 0.8, seed: 2), seed: 3)
            let chosen = estimator.estimateByPath("triage", baseline: s.baseline, treated: s.treated, s.input, seed: 9)
            #expect(chosen.path == expected, "\(nb) + \(nt)")
            let rows = estimator.estimate("triage", baseline: s.baseline, treated: s.treated, s.input, seed: 9)
            #expect(rows.path == .rows)
            let r = try #require(rows.speedup.value)
            let c = try #require(chosen.speedup.value)
            if expected == .rows {
                #expect(chosen == rows)
            } else {
                #expect(abs(c / r - 1) <= DurationHistogram.gamma - 1 + 1e-9)
                #expect(c != r, "the histogram's median is a bin's representative, not a row's value")
                #expect(chosen.mixAdjustedSavingMinutes == rows.mixAdjustedSavingMinutes)
            }
        }
    }

    @Test("a case with two tasks of the arms sends the speedup to the rows, however large the sample")
    func sharedCaseTakesTheRows() throws {
        let estimator = TaskSpeedupEstimator(options: Self.options(resamples: 200))
        let n = TaskSpeedupEstimator.histogramMinimumTasks
        // Tasks 0 and n (a baseline and an AI task) share case 0; every other task has its own.
        let s = Sample(
            baseline: DurationSamples.realistic(n, medianMinutes: 14, sigma: 1, seed: 4),
            treated: DurationSamples.realistic(n, medianMinutes: 6, sigma: 1, seed: 5), seed: 6,
            caseOf: { $0 == n ? 0 : $0 })
        #expect(!TaskSpeedupEstimator.oneTaskPerCase(s.baseline + s.treated, s.input.taskColumns))
        #expect(TaskSpeedupEstimator.oneTaskPerCase(s.baseline, s.input.taskColumns))
        let chosen = estimator.estimateByPath("triage", baseline: s.baseline, treated: s.treated, s.input, seed: 9)
        #expect(chosen.path == .rows)
        #expect(chosen == estimator.estimate("triage", baseline: s.baseline, treated: s.treated, s.input, seed: 9))
    }

    /// The report's own choice on the simulator's SOC of 20,000 cases: the large AI task types
    /// (one task of the type per case there) take the histograms, and each such speedup is the
    /// rows' within 0.5%, its interval's ends within 2%.
    @Test("in the report, large speedups take the histograms and agree with the rows")
    func inTheReport() throws {
        var scenario = try Scenario.bundled(named: "default")
        scenario.workflows = 20_000
        let input = SOCSimulator(scenario: scenario, seed: 11).reportInput()
        var options = ReportOptions()
        options.resamples = 4_000
        let report = ValueReportBuilder(options: options).build(input)
        var histogramFigures = 0
        for a in report.assistants + [report.portfolio].compactMap({ $0 }) {
            for s in a.taskSpeedups {
                let size = s.baselineTasks + s.treatedTasks
                if size < TaskSpeedupEstimator.histogramMinimumTasks { #expect(s.path == .rows, "\(a.name)") }
                guard s.path == .histograms else { continue }
                histogramFigures += 1
                // The rows' figure for the same arms and the same options.
                let c = input.taskColumns
                let type = try #require(input.names.existingCode(s.taskType))
                let code = input.names.existingCode(a.name)
                let treated = (0..<c.count).filter {
                    c.type[$0] == type && c.aiTouched[$0]
                        && (a.name == ValueReportBuilder.portfolioName || c.assistant[$0] == code)
                }.map(Int32.init)
                let baseline = (0..<c.count).filter { c.type[$0] == type && !c.aiTouched[$0] }.map(Int32.init)
                #expect(treated.count == s.treatedTasks && baseline.count == s.baselineTasks)
                let rows = TaskSpeedupEstimator(options: options).estimate(
                    s.taskType, baseline: baseline, treated: treated, input, seed: 5)
                let (r, h) = (try #require(rows.speedup.value), try #require(s.speedup.value))
                let (rl, rh) = (try #require(rows.speedup.low), try #require(rows.speedup.high))
                let (hl, hh) = (try #require(s.speedup.low), try #require(s.speedup.high))
                print(
                    "report \(a.name) \(s.taskType): n \(size), rows \(r) [\(rl), \(rh)], histograms \(h) [\(hl), \(hh)]"
                )
                #expect(abs(h / r - 1) <= DurationHistogram.gamma - 1 + 1e-9)
                #expect(abs(hl / rl - 1) < 0.02 && abs(hh / rh - 1) < 0.02, "\(a.name) \(s.taskType)")
                #expect(s.mixAdjustedSavingMinutes == rows.mixAdjustedSavingMinutes)
            }
        }
        #expect(histogramFigures >= 2)
    }
}
