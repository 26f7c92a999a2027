/// Settings of the value report; defaults as in value-model §3–§5, all printed in the report.
public struct ReportOptions: Sendable, Hashable, Codable {
    /// How an assistant's effect on the cases it touched is estimated (value-model §4.2–§4.3).
    public enum Baseline: String, Sendable, Hashable, Codable, CaseIterable {
        /// Eligible cases like with like: cases that reached a task type the assistant serves,
        /// touched versus not, within category × severity × opening week (the default).
        case eligible
        /// Difference in differences around the assistant's rollout: eligible cases' change
        /// minus ineligible cases' change, within category × severity (intention to treat).
        case did
        /// The first version's comparison, touched cases versus cases no AI touched, within
        /// category × severity. Confounded (cases that reach more steps are longer); kept only
        /// for comparison.
        case untouched
        /// A randomized holdout (value-model §7): among eligible cases with an assignment, the use
        /// arm minus the holdout arm (intention to treat), within category × severity. Without
        /// being asked for, it is used for every assistant whose experiment has the minimum sample
        /// in both arms.
        case experiment

        /// The value's names, aliases included: `concurrent` (the first version's name of the
        /// default) is `eligible`, `prepost` is `did`.
        public init?(name: String) {
            switch name {
            case "concurrent": self = .eligible
            case "prepost": self = .did
            default: self.init(rawValue: name)
            }
        }

        /// Accepted names, for error messages.
        public static let accepted =
            "eligible, did, untouched, experiment (aliases: concurrent = eligible, prepost = did)"

        /// How the estimator is named to readers.
        public var title: String {
            switch self {
            case .eligible: return "eligible cases, like with like"
            case .did: return "difference in differences around the rollout"
            case .untouched: return "touched vs. untouched cases (confounded)"
            case .experiment: return "randomized holdout, use arm minus holdout arm"
            }
        }

        public init(from decoder: any Decoder) throws {
            let name = try decoder.singleValueContainer().decode(String.self)
            guard let value = Baseline(name: name) else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: decoder.codingPath, debugDescription: "baseline must be one of \(Self.accepted)"))
            }
            self = value
        }
    }

    /// The smallest minimum sample a report accepts (value-model §5: "at least 10").
    public static let minimumSampleFloor = 10

    public var baseline: Baseline = .eligible
    /// Fewer observations than this on either side: "insufficient data". At least
    /// ``minimumSampleFloor``; a smaller value is refused by the CLI and the API and raised to
    /// the floor by the builder.
    public var minimumSample: Int = 30
    public var resamples: Int = 1_000
    public var seed: UInt64 = 1
    /// Optional price of an hour of analyst time, an input shown as such.
    public var hourlyRate: Double?
    public var excellentLeadReduction: Double = 0.20
    public var goodLeadReduction: Double = 0.05
    public var goodEffortReduction: Double = 0.20
    /// Coverage of the treated cases by usable strata below which a warning is given, and below
    /// which the figure is `insufficient data` (value-model §4.2).
    public var coverageWarning: Double = 0.80
    public var coverageMinimum: Double = 0.50
    /// A co-treatment gap (percentage points as a fraction) above which balance warns.
    public var balanceGap: Double = 0.10
    /// A gap between the arms' shares still open above which censoring warns.
    public var censoringGap: Double = 0.05
    /// How handoff classes are named in friction, guidance and ΔW by class: tool pairs (the
    /// default) or assistant pairs (value-model §8). The data read depends on it.
    public var classBy: HandoffClassing = .tool
    /// The decision's cost threshold (``AssistantDecision``): an assistant whose net value's 95%
    /// interval lies below it is to be reconsidered (default 0, in the tenant's currency).
    public var netValueFloor: Double = 0
    /// Whether each assistant's weekly trend (``AssistantWeek``) is computed: a bootstrap per week,
    /// which costs about as much as the period's own effect, so only renderings that show it ask
    /// (the web report, `baton report`; `trends=weekly` on the API).
    public var weeklyTrends: Bool = false

    public init() {}

    /// The minimum sample actually applied.
    public var effectiveMinimumSample: Int { max(minimumSample, Self.minimumSampleFloor) }
}
