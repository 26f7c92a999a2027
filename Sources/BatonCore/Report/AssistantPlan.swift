/// The samples one assistant's value is computed from (or, for the portfolio, every assistant
/// together), selected once and shared by its bootstrap jobs: positions of tasks and per-case
/// flags, not copies of the input's columns.
struct AssistantPlan: Sendable {
    var name: String
    var metadata: AssistantMetadata?
    var perceived: [ValueRating]
    /// The base of this plan's random streams; each job adds its own offset.
    var seed: UInt64
    /// The assistant's name code; `nil` for the portfolio or an assistant no task names.
    var code: Int32?
    /// "Any AI" (value-model §4.4): treated means touched by any assistant.
    var isPortfolio: Bool
    /// The rollout (microseconds since the epoch), for `did` and the pre/post task baseline.
    var rollout: Int64?
    /// The start of the first AI task, which stands in for an unregistered rollout.
    var firstUse: Int64?
    /// Task types the AI worked on (K_X), sorted by name.
    var types: [String]
    /// The codes of `types`, in the same order.
    var typeCodes: [Int32]
    /// Positions of the tasks the AI worked on.
    var treatedTasks: [Int32]
    /// Positions of each type's baseline tasks, in the order of `types`.
    var baselines: [[Int32]]
    /// Per closed case: touched by the AI; eligible (it has a task of a type in K_X).
    var touched: [Bool]
    var eligible: [Bool]
    /// The same for the cases still open (censoring diagnostics).
    var openTouched: [Bool]
    var openEligible: [Bool]
}
