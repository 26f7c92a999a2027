/// The result of one `BootstrapJob`.
enum BootstrapOutcome: Sendable {
    case cohorts(ValueReport.Cohorts?)
    case effort(ValueReport.Estimate, ValueReport.Estimate)
    case speedup(ValueReport.TaskSpeedup)
}
