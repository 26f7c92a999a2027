extension WorkflowEffectEstimator {
    /// The assistant's trend line (issue 22): for each week (Monday, UTC) in which the period's
    /// closed cases opened, the `eligible` estimate over the cases of that week alone, touched
    /// versus eligible untouched, with its own bootstrap.
    ///
    /// A week's cases are a sample of their own: its strata are that week's (category × severity
    /// × served steps, cut at rollouts), never matched with another week's cases. The estimator is
    /// `eligible` whatever the report's: `did` needs the weeks before the rollout and cannot be cut
    /// by week, and a week of an experiment rarely holds the minimum sample in both arms (the
    /// experiment's own page tracks its progress).
    func weekly(_ plan: AssistantPlan, _ input: ReportInput, seed: UInt64) -> [AssistantWeek] {
        weeklyFigures(plan, input, seed: seed).map(\.week)
    }

    /// Each week's point with the figures it came from (`nil` when no case of the week was
    /// touched): the counts and differences that ``AssistantWeek`` leaves out, which the SQL
    /// function `reporting.assistant_weekly_effects` is held against.
    func weeklyFigures(_ plan: AssistantPlan, _ input: ReportInput, seed: UInt64) -> [(
        week: AssistantWeek, result: Result?
    )] {
        let closed = input.workflowColumns
        let open = input.openWorkflowColumns
        let weekOf = { (opened: Int64) in TimeBlock.week.key(opened) }
        let weeks = Set(closed.openedAt.map(weekOf)).sorted()
        return weeks.enumerated().map { n, week in
            var masked = plan
            for i in 0..<closed.count where weekOf(closed.openedAt[i]) != week {
                masked.touched[i] = false
                masked.eligible[i] = false
            }
            for i in 0..<open.count where weekOf(open.openedAt[i]) != week {
                masked.openTouched[i] = false
                masked.openEligible[i] = false
            }
            let treated = masked.touched.reduce(0) { $1 ? $0 + 1 : $0 }
            let start = TimeBlock.monday(ofWeek: week).rfc3339.prefix(10)
            guard treated > 0 else {
                let week = AssistantWeek(
                    weekStart: String(start), treatedWorkflows: 0,
                    realizedLeadReduction: .insufficient("no closed case of the week was touched"),
                    valueCaptureRatio: nil)
                return (week, nil)
            }
            let result = estimate(eligibleDesign(masked, input), masked, input, seed: seed &+ UInt64(n)).result
            let week = AssistantWeek(
                weekStart: String(start), treatedWorkflows: treated, realizedLeadReduction: result.realizedReduction,
                valueCaptureRatio: result.captureRatio)
            return (week, result)
        }
    }
}
