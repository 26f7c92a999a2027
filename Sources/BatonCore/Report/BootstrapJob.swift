/// One independent piece of the value report's bootstrap, by plan index (and task type). Effort
/// is one job for every plan: they share one resampling of the cases (``EffortEstimator``).
enum BootstrapJob: Sendable {
    case effect(Int)
    case effort
    case speedup(Int, Int)
    /// One assistant's effect week by week (``WorkflowEffectEstimator/weekly(_:_:seed:)``).
    case weekly(Int)
}
