import BatonSimulation
import Foundation
import Testing

@testable import BatonCore

/// Which interval path a contrast takes (value-model §10), and that each path's figures are its
/// estimator's: the normal ones ``MomentContrast``'s, the bootstrap ones the percentiles of
/// ``StratifiedContrast``'s resamples.
@Suite struct ContrastIntervalsTests {
    /// A random design (8 strata, cells of 5–64 cases) and the same design cut to its strata whose
    /// cells all have at least 30 cases.
    static func designs(cells: Int) -> (
        columns: ReportWorkflowColumns, whole: StratifiedContrast, floor: StratifiedContrast
    ) {
        let (columns, whole) = MomentContrastTests.randomDesign(seed: 40 + UInt64(cells), cellsPerStratum: cells)
        let (floor, dropped) = MomentContrastSimulationTests.floorStrata(whole)
        #expect(dropped > 0 && !floor.strata.isEmpty, "the random design must have strata on both sides of the floor")
        return (columns, whole, floor)
    }

    @Test(
        "at the floor: the normal path, with MomentContrast's intervals, Fieller's ratio and the reduction",
        arguments: [2, 4])
    func normalPath(cells: Int) throws {
        let (columns, _, floor) = Self.designs(cells: cells)
        let intervals = ContrastIntervals(floor, columns, resamples: 200, seed: 3)
        #expect(intervals.method == .normal)
        let o = MomentContrast(floor, columns).estimate()
        for figure in [MomentContrast.Figure.lead, .touch, .wait, .intake, .closure, .extra, .handoffClass(0)] {
            let e = intervals.estimate(figure, scale: 60)
            let (low, high) = o.interval(figure)
            #expect(e.value == o.value(figure) * 60 && e.low == low * 60 && e.high == high * 60, "\(figure)")
        }
        // Fieller's interval, or none when it is unbounded (the denominator's interval holds 0).
        for denominator in [MomentContrast.Figure.touch, .extra] {
            let ratio = o.ratio(.lead, over: denominator)
            let r = intervals.ratio(.lead, over: denominator)
            #expect(r?.value == ratio?.value && r?.low == ratio?.interval.0 && r?.high == ratio?.interval.1)
            #expect((r == nil) == (ratio == nil))
        }
        // The two-cell design's ΔA is far from 0 (3.7 standard errors): its capture ratio is given.
        #expect(cells == 4 || intervals.ratio(.lead, over: .touch)?.low != nil)
        let reduction = intervals.reduction()
        let expected = o.reductionInterval()
        #expect(reduction.value == expected?.value && reduction.low == expected?.interval.0)
        #expect(reduction.high == expected?.interval.1)
    }

    @Test("below the floor: the bootstrap's percentile intervals from the same seed", arguments: [2, 4])
    func bootstrapPath(cells: Int) throws {
        let (columns, whole, _) = Self.designs(cells: cells)
        let intervals = ContrastIntervals(whole, columns, resamples: 200, seed: 3)
        #expect(intervals.method == .bootstrap)
        let rows = whole.estimate(columns, resamples: 200, seed: 3)
        for figure in [MomentContrast.Figure.lead, .touch, .wait, .intake, .closure, .extra] {
            let e = intervals.estimate(figure)
            let b = try #require(Statistics.percentileInterval(rows.replicates.map { $0[figure] }))
            #expect(e.value == rows.point[figure] && e.low == b.0 && e.high == b.1, "\(figure)")
        }
        let r = try #require(intervals.ratio(.lead, over: .extra))
        let b = try #require(
            Statistics.percentileInterval(rows.replicates.map { $0.extra != 0 ? $0.lead / $0.extra : .nan }))
        #expect(r.value == rows.point.lead / rows.point.extra && r.low == b.0 && r.high == b.1)
    }

    @Test("a ratio over a figure estimated at 0 is not given on either path")
    func ratioOverZero() {
        let (columns, whole, floor) = Self.designs(cells: 2)
        for var contrast in [whole, floor] {
            contrast.extra = [Int64](repeating: 0, count: columns.count)
            #expect(ContrastIntervals(contrast, columns, resamples: 50, seed: 1).ratio(.lead, over: .extra) == nil)
        }
    }

    /// The `hidden-selection` scenario, 3,000 cases: in its 24 category × severity strata some
    /// experiment cells are under 30 cases; in two categories and two severities none is.
    static func report(concentrated: Bool) throws -> (report: ValueReport, input: ReportInput) {
        var scenario = try Scenario.bundled(named: "hidden-selection")
        scenario.workflows = 3_000
        if concentrated {
            scenario.categories = ["phishing": 0.5, "malware": 0.5]
            scenario.severities = ["low": 0.5, "high": 0.5]
        }
        let input = SOCSimulator(scenario: scenario, seed: 21).reportInput()
        return (ValueReportBuilder().build(input), input)
    }

    static func intentionToTreat(_ report: ValueReport) throws -> ValueReport.WorkflowEffect {
        let row = try #require(report.assistants.first { $0.experiment != nil })
        return try #require(row.experiment?.intentionToTreat)
    }

    @Test("the report says which path its effect took, and takes the normal one only when every cell has 30 cases")
    func reportPath() throws {
        let (report, input) = try Self.report(concentrated: true)
        let normal = try Self.intentionToTreat(report)
        #expect(normal.intervals == .normal && normal.strata == 4)
        // The report's interval is the moments' on the experiment's design.
        let builder = ValueReportBuilder()
        let plan = try #require(builder.plans(input).first { $0.name == "edr-investigation-agent" })
        let trial = try #require(ExperimentEstimator.experiment(for: plan.name, input))
        let design = ExperimentEstimator(options: builder.options).design(trial, plan, input)
        let (low, high) = MomentContrast(design.contrast, input.workflowColumns).estimate().interval(.lead)
        #expect(abs((normal.deltaLeadHours.low ?? .nan) - low) < 1e-12)
        #expect(abs((normal.deltaLeadHours.high ?? .nan) - high) < 1e-12)

        // The text says so on the experiment's line.
        #expect(report.text.contains("intention to treat (normal-approximation intervals), "))

        let bootstrap = try Self.intentionToTreat(Self.report(concentrated: false).report)
        #expect(bootstrap.intervals == .bootstrap && bootstrap.strata > 4)
        #expect(bootstrap.deltaLeadHours.low != nil)
    }
}
