import BatonSimulation
import Foundation
import Testing

@testable import BatonCore

/// Issue 22's trend figures against the simulator's truth (value-model §9): each assistant's
/// weekly realized lead reduction and value capture ratio, and the change of each of its four
/// figures from one period to the next.
/// The truth of any set of cases comes from their counterfactual twins (each touched case
/// replayed with the assistant off, ``SOCSimulator/caseTwins(tenantIndex:assistant:)``). Slow:
/// `.ci/run` runs it (`BATON_SLOW_TESTS=1`) and prints what it measured.
@Suite("Weekly trends and period-over-period changes against the simulator's truth")
struct TrendValidationTests {
    static let slow = ProcessInfo.processInfo.environment["BATON_SLOW_TESTS"] == "1"
    static let workflows = 20_000
    static let seeds = 1...20

    /// Seeds apart from every other validation's.
    static func seed(_ k: Int) -> UInt64 { UInt64(k) * 6_841 + 77_777_777 }

    /// The cases the `eligible` estimator counts as treated: touched and opened at or after the
    /// rollout.
    static func twins(
        _ sim: SOCSimulator, _ assistant: Scenario.Assistant, start: Timestamp, includeOpen: Bool = false
    ) -> [SOCSimulator.CaseTwin] {
        let rollout = start.microseconds + Int64(assistant.rolloutDay * 86_400) * 1_000_000
        return sim.caseTwins(assistant: assistant.name, includeOpen: includeOpen).filter {
            $0.openedAt.microseconds >= rollout
        }
    }

    @Test(
        "weekly: each week's 95% interval for the realized lead reduction and for the value capture ratio (where shown) covers the week's truth in at least 90% of assistant-weeks",
        .enabled(if: slow, "slow (20 simulated SOCs of 20,000 cases): runs in .ci/run, which sets BATON_SLOW_TESTS=1"))
    func weekly() throws {
        var scenario = try Scenario.bundled(named: "default")
        scenario.workflows = Self.workflows
        let start = try #require(scenario.startTimestamp)
        var (covered, shown, wrongSign) = (0, 0, [String]())
        // The capture ratio, shown for a week only when its ΔA's interval excludes 0.
        var capture = (covered: 0, shown: 0, wrongSide: [String]())
        for k in Self.seeds {
            let sim = SOCSimulator(scenario: scenario, seed: Self.seed(k))
            var options = ReportOptions()
            options.weeklyTrends = true
            let report = ValueReportBuilder(options: options).build(sim.reportInput())
            for spec in scenario.assistants {
                let byWeek = Dictionary(grouping: Self.twins(sim, spec, start: start)) {
                    String(
                        TimeBlock.monday(ofWeek: TimeBlock.week.key($0.openedAt.microseconds))
                            .rfc3339.prefix(10))
                }
                let measured = report.assistants.first { $0.name == spec.name }?.weekly ?? []
                for week in measured {
                    let e = week.realizedLeadReduction
                    guard let low = e.low, let high = e.high, let truth = byWeek[week.weekStart]?.realizedLeadReduction
                    else { continue }
                    shown += 1
                    if low <= truth && truth <= high { covered += 1 }
                    if abs(truth) > 0.05, (truth > 0 && high < 0) || (truth < 0 && low > 0) {
                        wrongSign.append("seed \(k) \(spec.name) \(week.weekStart): truth \(truth), [\(low), \(high)]")
                    }
                    if let ratio = week.valueCaptureRatio, let low = ratio.low, let high = ratio.high,
                        let truth = byWeek[week.weekStart]?.valueCaptureRatio
                    {
                        capture.shown += 1
                        if low <= truth && truth <= high { capture.covered += 1 }
                        // A claim that more (or less) than all of the task saving reached the case.
                        if (truth < 1 && low > 1) || (truth > 1 && high < 1) {
                            capture.wrongSide.append(
                                "seed \(k) \(spec.name) \(week.weekStart): truth \(truth), [\(low), \(high)]")
                        }
                    }
                }
            }
        }
        print(
            "weekly realized lead reduction: \(covered) of \(shown) assistant-weeks covered; wrong sign \(wrongSign.count)"
        )
        print(
            "weekly value capture ratio: \(capture.covered) of \(capture.shown) assistant-weeks covered; on the wrong side of 1 \(capture.wrongSide.count)"
        )
        #expect(shown > 500)
        #expect(Double(covered) >= 0.9 * Double(shown), "\(covered) of \(shown)")
        #expect(wrongSign.count <= shown / 100, "\(wrongSign.prefix(5))")
        #expect(capture.shown >= 100, "\(capture.shown)")
        #expect(Double(capture.covered) >= 0.9 * Double(capture.shown), "\(capture.covered) of \(capture.shown)")
        #expect(capture.wrongSide.count <= capture.shown / 100, "\(capture.wrongSide.prefix(5))")
    }

    @Test(
        "period over period: the change's 95% interval covers the true change of each assistant's lead time saved, realized reduction, effort saved and value capture ratio in at least 90% of assistant-seeds",
        .enabled(if: slow, "slow (20 simulated SOCs of 20,000 cases): runs in .ci/run, which sets BATON_SLOW_TESTS=1"))
    func periodOverPeriod() throws {
        var scenario = try Scenario.bundled(named: "default")
        scenario.workflows = Self.workflows
        let start = try #require(scenario.startTimestamp)
        // Two halves of the scenario's days, compared as the report compares a period with the one before.
        let middle = start.microseconds + Int64(scenario.days * 86_400 / 2) * 1_000_000
        var tally: [String: (covered: Int, shown: Int)] = [:]
        var changedWithoutChange = 0
        for k in Self.seeds {
            let sim = SOCSimulator(scenario: scenario, seed: Self.seed(k))
            let all = sim.workflows(tenantIndex: 0)
            let first = all.filter { $0.workflow.openedAt.microseconds < middle }
            let second = all.filter { $0.workflow.openedAt.microseconds >= middle }
            let previous = ValueReportBuilder().build(sim.reportInput(tenantIndex: 0, workflows: first))
            let current = ValueReportBuilder().build(sim.reportInput(tenantIndex: 0, workflows: second))
            let comparison = PeriodComparison(current: current, previous: previous)
            for spec in scenario.assistants {
                let twins = Self.twins(sim, spec, start: start)
                let before = twins.filter { $0.openedAt.microseconds < middle }
                let after = twins.filter { $0.openedAt.microseconds >= middle }
                // Effort saved counts the tasks of cases still open too.
                let withOpen = Self.twins(sim, spec, start: start, includeOpen: true)
                let effortBefore = withOpen.filter { $0.openedAt.microseconds < middle }.effortSavedHours
                let effortAfter = withOpen.filter { $0.openedAt.microseconds >= middle }.effortSavedHours
                let changes = comparison.assistants.first { $0.name == spec.name }?.changes ?? []
                let truths: [(String, Double?)] = [
                    (
                        "realized_saving_hours",
                        after.deltaLeadHours.flatMap { a in before.deltaLeadHours.map { b in b - a } }
                    ),
                    (
                        "realized_lead_reduction",
                        after.realizedLeadReduction.flatMap { a in before.realizedLeadReduction.map { a - $0 } }
                    ),
                    ("effort_saved_hours", effortAfter.flatMap { a in effortBefore.map { a - $0 } }),
                    (
                        "value_capture_ratio",
                        after.valueCaptureRatio.flatMap { a in before.valueCaptureRatio.map { a - $0 } }
                    ),
                ]
                for (figure, truth) in truths {
                    guard let truth, let change = changes.first(where: { $0.figure == figure })?.change,
                        let low = change.low, let high = change.high
                    else { continue }
                    tally[figure, default: (0, 0)].shown += 1
                    if low <= truth && truth <= high { tally[figure, default: (0, 0)].covered += 1 }
                    if abs(truth) < 0.001 && change.excludes(0) { changedWithoutChange += 1 }
                }
            }
        }
        print(
            "period over period: \(tally.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.covered) of \($0.value.shown)" })"
        )
        for (figure, t) in tally {
            #expect(t.shown >= 40, "\(figure): \(t.shown)")
            #expect(Double(t.covered) >= 0.9 * Double(t.shown), "\(figure): \(t.covered) of \(t.shown)")
        }
        #expect(tally.count == 4)
        #expect(changedWithoutChange <= 2)
    }
}
