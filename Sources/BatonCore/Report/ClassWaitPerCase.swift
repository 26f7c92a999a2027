/// The waiting one handoff class costs the average closed case of the period: the sum of the
/// class's waits over the period's closed cases divided by their number (cases without such a
/// handoff count as 0), with its standard error. Cases are the unit, so the several handoffs of
/// one case are not taken as independent. Period-over-period comparison reads it (issue 22).
public struct ClassWaitPerCase: Codable, Sendable, Hashable {
    public var handoffClass: String
    /// Closed cases of the period (the denominator).
    public var workflows: Int
    /// Closed cases with at least one wait in the class.
    public var workflowsWithClass: Int
    /// Mean hours of the class's waiting per closed case.
    public var meanHours: Double
    /// Standard error of that mean: the cases' sample standard deviation ÷ √cases.
    public var standardErrorHours: Double

    public init(
        handoffClass: String, workflows: Int, workflowsWithClass: Int, meanHours: Double, standardErrorHours: Double
    ) {
        self.handoffClass = handoffClass
        self.workflows = workflows
        self.workflowsWithClass = workflowsWithClass
        self.meanHours = meanHours
        self.standardErrorHours = standardErrorHours
    }
}
