import Testing

@testable import BatonCore

/// value-model §5, branch by branch, on figures set by hand (the estimators' own tests check the
/// figures; here only the rule).
@Suite struct ValueRatingRuleTests {
    /// A sufficient effect with ΔL (hours) and the realized reduction, each with an interval.
    static func effect(
        lead: (Double, Double, Double), reduction: (Double, Double, Double), sufficient: Bool = true
    ) -> WorkflowEffectEstimator.Result {
        var r = WorkflowEffectEstimator.Result.insufficient(estimator: .eligible, note: "too few", treated: 40)
        guard sufficient else { return r }
        r.effect.deltaLeadHours = .ok(lead.0, (lead.1, lead.2))
        r.realizedReduction = .ok(reduction.0, (reduction.1, reduction.2))
        r.sufficient = true
        return r
    }

    static func speedup(_ value: Double, _ low: Double, _ high: Double) -> ValueReport.TaskSpeedup {
        .init(
            taskType: "alert-triage", baselineTasks: 40, treatedTasks: 40, speedup: .ok(value, (low, high)),
            mixAdjustedSavingMinutes: nil)
    }

    let rule = ValueRatingRule(options: ReportOptions())
    let noEffort = ValueReport.Estimate.insufficient("x")

    @Test("insufficient data is checked first, whatever the task figures say")
    func insufficientFirst() {
        let (rating, reason) = rule.rate(
            effect: Self.effect(lead: (0, 0, 0), reduction: (0, 0, 0), sufficient: false),
            mainSpeedup: Self.speedup(3, 2.8, 3.2), effortShare: .ok(0.6, (0.5, 0.7)))
        #expect(rating == "insufficient data")
        #expect(reason == "too few")
    }

    @Test("excellent: at least 20% shorter with an interval above 0; 19% is only good")
    func excellentAndGood() {
        let excellent = rule.rate(
            effect: Self.effect(lead: (-2, -3, -1), reduction: (0.2, 0.1, 0.3)), mainSpeedup: nil, effortShare: noEffort
        )
        #expect(excellent.rating == "excellent")
        #expect(excellent.reason == "cases 20% sooner (95% interval 10% to 30%, which excludes 0)")
        let good = rule.rate(
            effect: Self.effect(lead: (-2, -3, -1), reduction: (0.19, 0.1, 0.3)), mainSpeedup: nil,
            effortShare: noEffort)
        #expect(good.rating == "good")
        // 20% whose interval reaches 0 is not excellent, nor good by lead time.
        let wide = rule.rate(
            effect: Self.effect(lead: (-2, -4, 0.1), reduction: (0.2, -0.01, 0.4)), mainSpeedup: nil,
            effortShare: noEffort)
        #expect(wide.rating == "none")
    }

    @Test("good by effort needs lead time not significantly worse")
    func goodByEffort() {
        let fine = rule.rate(
            effect: Self.effect(lead: (0.1, -0.2, 0.4), reduction: (-0.01, -0.04, 0.02)), mainSpeedup: nil,
            effortShare: .ok(0.25, (0.2, 0.3)))
        #expect(fine.rating == "good")
        #expect(fine.reason == "effort 25% lower (interval excludes 0), lead time not significantly worse")
        // The same effort saving with cases significantly slower is `some`, and says where the gain went.
        let worse = rule.rate(
            effect: Self.effect(lead: (0.5, 0.2, 0.8), reduction: (-0.05, -0.08, -0.02)),
            mainSpeedup: Self.speedup(3, 2.8, 3.2), effortShare: .ok(0.25, (0.2, 0.3)))
        #expect(worse.rating == "some")
        #expect(worse.reason == "tasks 3.0× faster, cases 30 min slower: waiting ate the gain")
    }

    @Test("some: a task-level gain that does not reach the case, or a case gain below the good threshold")
    func some() {
        let unchanged = rule.rate(
            effect: Self.effect(lead: (0, -0.3, 0.3), reduction: (0, -0.03, 0.03)),
            mainSpeedup: Self.speedup(3, 2.8, 3.2), effortShare: .ok(0.1, (0.05, 0.15)))
        #expect(unchanged.rating == "some")
        #expect(unchanged.reason == "tasks 3.0× faster, but the cases' lead time did not measurably change")
        let small = rule.rate(
            effect: Self.effect(lead: (-0.3, -0.5, -0.1), reduction: (0.03, 0.01, 0.05)), mainSpeedup: nil,
            effortShare: noEffort)
        #expect(small.rating == "some")
        #expect(small.reason == "cases 3% sooner (interval excludes 0), below the 5% needed for good")
        let effortOnly = rule.rate(
            effect: Self.effect(lead: (0.1, -0.2, 0.4), reduction: (-0.01, -0.04, 0.02)),
            mainSpeedup: Self.speedup(1.05, 0.9, 1.2), effortShare: .ok(0.1, (0.02, 0.18)))
        #expect(effortOnly.rating == "some")
        #expect(effortOnly.reason == "effort 10% lower, but the cases' lead time did not measurably change")
    }

    @Test("none: no measurable gain at task or case level, saying when cases got slower")
    func none() {
        let flat = rule.rate(
            effect: Self.effect(lead: (0, -0.3, 0.3), reduction: (0, -0.03, 0.03)),
            mainSpeedup: Self.speedup(1, 0.9, 1.1), effortShare: .ok(0, (-0.05, 0.05)))
        #expect(flat.rating == "none")
        #expect(flat.reason == "no measurable gain at task or case level")
        let slower = rule.rate(
            effect: Self.effect(lead: (1, 0.5, 1.5), reduction: (-0.1, -0.15, -0.05)),
            mainSpeedup: Self.speedup(1, 0.9, 1.1), effortShare: noEffort)
        #expect(slower.rating == "none")
        #expect(slower.reason == "no task-level gain, and cases 1 h 00 min slower")
    }

    @Test("thresholds are settings")
    func thresholds() {
        var options = ReportOptions()
        options.excellentLeadReduction = 0.10
        let r = ValueRatingRule(options: options).rate(
            effect: Self.effect(lead: (-1, -1.5, -0.5), reduction: (0.12, 0.06, 0.18)), mainSpeedup: nil,
            effortShare: noEffort)
        #expect(r.rating == "excellent")
    }

    @Test("one rule picks the main speedup: the measured type with the most AI tasks, ties by name")
    func mainSpeedup() {
        func s(_ type: String, _ n: Int, measured: Bool) -> ValueReport.TaskSpeedup {
            .init(
                taskType: type, baselineTasks: 40, treatedTasks: n,
                speedup: measured ? .ok(2, (1.5, 2.5)) : .insufficient("x"), mixAdjustedSavingMinutes: nil)
        }
        #expect(TaskSpeedupEstimator.main(of: [s("a", 50, measured: true), s("b", 90, measured: false)]) == "a")
        #expect(TaskSpeedupEstimator.main(of: [s("b", 50, measured: true), s("a", 50, measured: true)]) == "a")
        #expect(TaskSpeedupEstimator.main(of: [s("b", 5, measured: false), s("a", 9, measured: false)]) == "a")
        #expect(TaskSpeedupEstimator.main(of: []) == nil)
    }
}
