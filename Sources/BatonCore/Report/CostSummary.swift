/// What an assistant's cost (``AssistantCost``) and the estate's (``PortfolioCost``) both say, so
/// that every rendering shows them through one code path.
public protocol CostSummary {
    var currency: String? { get }
    var licence: Double? { get }
    var tokenSpend: Double? { get }
    var aiTasks: Int { get }
    var aiTasksWithTokens: Int { get }
    var total: Double? { get }
    var perTouchedCase: Double? { get }
    var perEffortHourSaved: CostFigure { get }
    var perLeadHourSaved: CostFigure { get }
    var netValue: CostFigure { get }
    var note: String? { get }
}

extension AssistantCost: CostSummary {}
extension PortfolioCost: CostSummary {}
