/// Value-model §5: the measured value rating on the survey scale, from the report's workflow
/// estimator and the task-level figures; the first rule that applies wins. The reason says, in
/// words, which rule applied and with which figures.
struct ValueRatingRule: Sendable {
    var options: ReportOptions

    func rate(
        effect: WorkflowEffectEstimator.Result, mainSpeedup: ValueReport.TaskSpeedup?,
        effortShare: ValueReport.Estimate
    ) -> (rating: String, reason: String) {
        guard effect.sufficient, let reduction = effect.realizedReduction.value else {
            let note = effect.effect.deltaLeadHours.note ?? effect.realizedReduction.note ?? "too few cases to measure"
            return ("insufficient data", note)
        }
        let r = effect.realizedReduction
        let lead = effect.effect.deltaLeadHours
        let interval =
            "95% interval \(HumanFormat.percent(r.low ?? reduction)) to \(HumanFormat.percent(r.high ?? reduction))"
        if reduction >= options.excellentLeadReduction, r.above(0) {
            return ("excellent", "cases \(HumanFormat.soonerOrLater(reduction)) (\(interval), which excludes 0)")
        }
        if reduction >= options.goodLeadReduction, r.above(0) {
            return ("good", "cases \(HumanFormat.soonerOrLater(reduction)) (\(interval), which excludes 0)")
        }
        let leadWorse = lead.above(0)
        if let e = effortShare.value, e >= options.goodEffortReduction, effortShare.above(0), !leadWorse {
            return (
                "good",
                "effort \(HumanFormat.percent(e)) lower (interval excludes 0), lead time not significantly worse"
            )
        }
        let speedupGain = mainSpeedup.map { $0.speedup.above(1) } ?? false
        let effortGain = effortShare.above(0)
        let caseChange = "cases \(HumanFormat.slowerOrFaster(hours: lead.value ?? 0))"
        let taskGain =
            speedupGain
            ? "tasks \(HumanFormat.factor(mainSpeedup?.speedup.value ?? 1)) faster"
            : "effort \(HumanFormat.percent(effortShare.value ?? 0)) lower"
        if speedupGain || effortGain {
            if leadWorse {
                return ("some", "\(taskGain), \(caseChange): waiting ate the gain")
            }
            if r.above(0) {
                return (
                    "some",
                    "\(taskGain), cases \(HumanFormat.soonerOrLater(reduction)): below the \(HumanFormat.percent(options.goodLeadReduction)) needed for good"
                )
            }
            return ("some", "\(taskGain), but the cases' lead time did not measurably change")
        }
        if r.above(0) {
            return (
                "some",
                "cases \(HumanFormat.soonerOrLater(reduction)) (interval excludes 0), below the \(HumanFormat.percent(options.goodLeadReduction)) needed for good"
            )
        }
        return (
            "none",
            leadWorse
                ? "no task-level gain, and \(caseChange)" : "no measurable gain at task or case level"
        )
    }

    /// The most common perceived rating (ties: the lower rating).
    static func consensus(_ ratings: [ValueRating]) -> ValueRating? {
        guard !ratings.isEmpty else { return nil }
        let counts = Dictionary(grouping: ratings, by: { $0 }).mapValues(\.count)
        return ValueRating.allCases.reversed().max { (counts[$0] ?? 0) < (counts[$1] ?? 0) }
    }
}
