/// The result of one `BootstrapJob`.
enum BootstrapOutcome: Sendable {
    case effect(WorkflowEffectEstimator.Result)
    case effort(ValueReport.Estimate, ValueReport.Estimate)
    case speedup(ValueReport.TaskSpeedup)
}
