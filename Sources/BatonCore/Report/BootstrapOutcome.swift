/// The result of one `BootstrapJob`.
enum BootstrapOutcome: Sendable {
    case effect(WorkflowEffectEstimator.Result)
    /// Effort saved and its share, per plan.
    case effort([(saved: ValueReport.Estimate, share: ValueReport.Estimate, intervals: IntervalMethod)])
    case speedup(ValueReport.TaskSpeedup)
    case weekly([AssistantWeek])
}
