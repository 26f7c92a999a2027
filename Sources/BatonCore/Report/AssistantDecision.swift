/// What a CISO should do about one assistant (issue 22): `keep`, `fix the handoffs around it` or
/// `reconsider`, with the figures that decide it and the rule that applied, in words. When the
/// measurements cannot support a decision it says `not enough evidence yet` instead of guessing.
///
/// The rule, first branch that applies (`Docs/metrics.md`, Decisions; thresholds are the
/// rating's, ``ReportOptions``, and ``ReportOptions/netValueFloor``):
/// 1. the measured rating is `insufficient data` → not enough evidence yet;
/// 2. net value's interval lies entirely below the floor (it costs more than the analyst time it
///    saves is worth) → reconsider;
/// 3. rated `excellent` or `good` (a gain that reaches the case, or less effort with lead time not
///    significantly worse) → keep;
/// 4. rated `some` (tasks faster or less effort, but the cases not shorter: waiting ate the
///    gain) → fix the handoffs around it;
/// 5. otherwise (`none`: no measurable gain at task or case level) → reconsider.
public struct AssistantDecision: Codable, Sendable, Hashable {
    public static let keep = "keep"
    public static let fixHandoffs = "fix the handoffs around it"
    public static let reconsider = "reconsider"
    public static let notEnoughEvidence = "not enough evidence yet"

    /// One of the four verdicts above.
    public var verdict: String
    /// The branch of the rule that applied, in words.
    public var rule: String
    /// The figures that decided it, each in words with its interval.
    public var figures: [String]

    public init(verdict: String, rule: String, figures: [String]) {
        self.verdict = verdict
        self.rule = rule
        self.figures = figures
    }

    /// The decision for `a`, from its rating, its figures and its cost.
    public init(_ a: ValueReport.AssistantValue, options: ReportOptions) {
        var figures = [
            "lead time \(HumanFormat.estimate(a.realizedLeadReduction.mapDecreasing { -$0 }, HumanFormat.signedPercent))",
            "effort saved \(HumanFormat.estimate(a.effortSavedHours, HumanFormat.hours))",
        ]
        if let s = a.mainSpeedup, s.speedup.value != nil {
            figures.append("\(s.taskType) \(HumanFormat.estimate(s.speedup, HumanFormat.factor)) faster")
        }
        let net = a.cost?.netValue
        if let net {
            figures.append("net value \(HumanFormat.costFigure(net, a.cost?.currency))")
        }
        let floor = options.netValueFloor
        let floorText = floor == 0 ? "0" : HumanFormat.money(floor, a.cost?.currency)
        switch a.measuredRating {
        case "insufficient data":
            self.init(
                verdict: Self.notEnoughEvidence,
                rule: "measured rating is insufficient data (\(a.ratingReason)): decide when the report has the cases",
                figures: figures)
        case _ where net?.status == CostFigure.ok && (net?.high.map { $0 < floor } ?? false):
            self.init(
                verdict: Self.reconsider,
                rule:
                    "net value's 95% interval lies below \(floorText): it costs more than the analyst time it saves is worth at the hourly rate",
                figures: figures)
        case "excellent", "good":
            self.init(
                verdict: Self.keep,
                rule:
                    "rated \(a.measuredRating): \(a.ratingReason)\(net == nil ? "; no cost recorded, so cost did not enter the decision" : "")",
                figures: figures)
        case "some":
            var withWait = figures
            withWait.append(
                "waiting absorbed per case \(HumanFormat.estimate(a.frictionAbsorbedHours, HumanFormat.signedDuration(hours:)))"
            )
            if let worst = a.workflowEffect?.deltaWaitByClass.first(where: { ($0.deltaHours.value ?? 0) > 0 }) {
                withWait.append(
                    "most added waiting: \(worst.handoffClass) \(HumanFormat.estimate(worst.deltaHours, HumanFormat.signedDuration(hours:)))"
                )
            }
            self.init(
                verdict: Self.fixHandoffs,
                rule:
                    "rated some: \(a.ratingReason); the gain is lost in the handoffs, so fix them before judging the assistant",
                figures: withWait)
        default:
            self.init(
                verdict: Self.reconsider,
                rule: "rated \(a.measuredRating): \(a.ratingReason)",
                figures: figures)
        }
    }
}
