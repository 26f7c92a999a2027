/// What one assistant cost over the report's period, and what it cost per unit of what it saved
/// (issue 22; `Docs/metrics.md`, Costs). Amounts are in `currency`. A missing input leaves a figure
/// out with its reason, never zero.
public struct AssistantCost: Codable, Sendable, Hashable {
    /// The tenant's one currency (ISO 4217); `nil` when nothing about the cost is recorded.
    public var currency: String?
    /// The licence pro-rated over the period (monthly cost × the share of each calendar month
    /// covered from the licence's start); `nil`: no licence recorded.
    public var licence: Double?
    /// Days of the period the licence applied (fractional at a partial day).
    public var licenceDays: Double?
    /// Tokens of the assistant's AI tasks at the price in force on each task's day; `nil` when no
    /// AI task reported token counts, or when some counted tokens have no price (`unpriced_models`).
    public var tokenSpend: Double?
    /// AI tasks of the assistant in the period's cases, and of those the ones with token counts.
    public var aiTasks: Int
    public var aiTasksWithTokens: Int
    public var inputTokens: Int64
    public var outputTokens: Int64
    /// `provider/model` of counted tokens without a price in force on their day.
    public var unpricedModels: [String]
    /// Licence + token spend (either alone when only one is recorded); `nil` when neither is, or
    /// when counted tokens have no price.
    public var total: Double?
    /// Cases of the period the assistant touched (open or closed).
    public var touchedCases: Int
    public var perTouchedCase: Double?
    /// total ÷ effort hours saved (``ValueReport/AssistantValue/effortSavedHours``).
    public var perEffortHourSaved: CostFigure
    /// total ÷ (−ΔL per case × the estimator's treated cases): per hour of lead time saved.
    public var perLeadHourSaved: CostFigure
    /// Effort hours saved × the hourly rate − total.
    public var netValue: CostFigure
    /// Why `total` is missing, or what to know about it.
    public var note: String?
}
