import BatonSimulation
import Foundation
import Testing

@testable import BatonCore

/// Effort saved's normal approximation of the case bootstrap (value-model §10): taken only at the
/// floor, and with the bootstrap's spread.
@Suite struct EffortEstimatorNormalIntervalTests {
    static func input(workflows: Int) throws -> ReportInput {
        var scenario = try Scenario.bundled(named: "default")
        scenario.workflows = workflows
        return SOCSimulator(scenario: scenario, seed: 5).reportInput()
    }

    /// The simulator's default SOC of 20,000 cases: the plans at the floor take the normal
    /// intervals, whose ends are within 4% of the bootstrap interval's width of the bootstrap's
    /// (4,000 resamples: each end's Monte Carlo error is about 1.1% of the width, and the
    /// bootstrap's percentiles also follow the skew a normal interval does not).
    @Test("at the floor: the same estimates, and interval ends within 4% of the bootstrap's width")
    func agreesWithTheBootstrap() throws {
        let input = try Self.input(workflows: 20_000)
        var options = ReportOptions()
        options.resamples = 4_000
        let plans = ValueReportBuilder(options: options).plans(input)
        let estimator = EffortEstimator(options: options)
        let normal = estimator.estimate(plans, input, seed: 9)
        let bootstrap = estimator.estimate(plans, input, seed: 9, normalApproximation: false)
        var compared = 0
        for (p, (n, b)) in zip(plans, zip(normal, bootstrap)) {
            #expect(b.intervals == .bootstrap)
            guard n.intervals == .normal else { continue }
            compared += 1
            for (what, x, y) in [("saved", n.saved, b.saved), ("share", n.share, b.share)] {
                #expect(x.value == y.value, "\(p.name) \(what)")
                let (xl, xh, yl, yh) = try (
                    #require(x.low), #require(x.high), #require(y.low), #require(y.high)
                )
                let gap = max(abs(xl - yl), abs(xh - yh)) / (yh - yl)
                print(
                    "effort normal \(p.name) \(what): normal [\(xl), \(xh)], bootstrap [\(yl), \(yh)], worst end \(String(format: "%.2f%%", 100 * gap)) of the width"
                )
                #expect(gap < 0.04, "\(p.name) \(what): \(gap)")
            }
        }
        #expect(compared >= 3, "plans at the floor: \(compared)")
    }

    @Test("below the floor (a SOC of 400 cases) every plan is bootstrapped")
    func belowTheFloor() throws {
        let input = try Self.input(workflows: 400)
        let plans = ValueReportBuilder().plans(input)
        let results = EffortEstimator(options: ReportOptions()).estimate(plans, input, seed: 9)
        #expect(results.contains { $0.saved.low != nil })
        #expect(results.allSatisfy { $0.intervals == .bootstrap })
    }
}
