/// One week of an assistant's trend line (issue 22): the effect on the cases it touched that
/// opened in that week (Monday, UTC), by the `eligible` estimator within the week, with 95%
/// bootstrap intervals. A week with too few cases says so instead of drawing a point.
public struct AssistantWeek: Codable, Sendable, Hashable {
    /// The Monday the week starts, `YYYY-MM-DD`.
    public var weekStart: String
    /// Closed cases the assistant touched that opened in the week.
    public var treatedWorkflows: Int
    /// −ΔL as a fraction of the treated cases' counterfactual mean lead time.
    public var realizedLeadReduction: ValueReport.Estimate
    /// realized / predicted; only when ΔA's interval excludes 0.
    public var valueCaptureRatio: ValueReport.Estimate?

    public init(
        weekStart: String, treatedWorkflows: Int, realizedLeadReduction: ValueReport.Estimate,
        valueCaptureRatio: ValueReport.Estimate?
    ) {
        self.weekStart = weekStart
        self.treatedWorkflows = treatedWorkflows
        self.realizedLeadReduction = realizedLeadReduction
        self.valueCaptureRatio = valueCaptureRatio
    }
}
