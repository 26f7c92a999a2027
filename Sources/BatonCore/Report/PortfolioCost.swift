/// What the AI estate cost over the period (issue 22): every assistant's licence and tokens, and
/// the derived figures from the portfolio ("any AI") row's savings, whose intervals come from one
/// bootstrap over every AI task and case, not from adding the assistants' intervals (they are not
/// independent: assistants share cases and baselines).
public struct PortfolioCost: Codable, Sendable, Hashable {
    public var currency: String?
    /// Σ licences of every assistant with one, used in the period or not.
    public var licence: Double?
    /// Σ token spend of every AI task with token counts; `nil` without counts or with unpriced ones.
    public var tokenSpend: Double?
    public var aiTasks: Int
    public var aiTasksWithTokens: Int
    public var unpricedModels: [String]
    /// licence + token spend; `nil` when counted tokens have no price or nothing is recorded.
    public var total: Double?
    /// Cases of the period any AI touched (open or closed).
    public var touchedCases: Int
    public var perTouchedCase: Double?
    /// total ÷ the portfolio's effort hours saved.
    public var perEffortHourSaved: CostFigure
    /// total ÷ (the portfolio's −ΔL per case × its treated cases).
    public var perLeadHourSaved: CostFigure
    /// The portfolio's effort hours saved × the hourly rate − total.
    public var netValue: CostFigure
    /// Assistants with a licence and no AI task in the period: paid for, unused.
    public var unusedLicences: [String]
    /// Assistants with AI tasks and neither a licence nor token counts: their cost is not in the total.
    public var withoutCost: [String]
    public var note: String?
    /// Where the token counts behind ``tokenSpend`` and ``aiTasksWithTokens`` came from: the AI
    /// tasks, or their daily rollups (the same sums). `nil` when the input was not read from
    /// storage.
    public var tokensPath: ComputationPath? = nil
}
