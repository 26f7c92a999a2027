/// Settings of the value report; defaults as in value-model §3–§5, all printed in the report.
public struct ReportOptions: Sendable, Hashable, Codable {
    public enum Baseline: String, Sendable, Hashable, Codable, CaseIterable {
        /// Untreated tasks and workflows of the same period.
        case concurrent
        /// Tasks and workflows from before the assistant's rollout.
        case prepost
    }

    public var baseline: Baseline = .concurrent
    /// Fewer observations than this on either side: "insufficient data".
    public var minimumSample: Int = 30
    public var resamples: Int = 1_000
    public var seed: UInt64 = 1
    /// Optional price of an hour of analyst time, an input shown as such.
    public var hourlyRate: Double?
    public var excellentLeadReduction: Double = 0.20
    public var goodLeadReduction: Double = 0.05
    public var goodEffortReduction: Double = 0.20

    public init() {}
}
