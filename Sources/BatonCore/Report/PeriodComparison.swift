/// This period against the one before it, of the same length (issue 22): each assistant's key
/// figures and the waiting each handoff class costs per case, every change with a 95% interval
/// and a verdict (``FigureChange``).
public struct PeriodComparison: Codable, Sendable, Hashable {
    /// One assistant's figures in both periods.
    public struct AssistantChanges: Codable, Sendable, Hashable {
        public var name: String
        /// The estimator of each period's figures; a change across estimators is flagged.
        public var estimator: String?
        public var previousEstimator: String?
        public var changes: [FigureChange]
    }

    /// One handoff class's waiting per closed case in both periods.
    public struct ClassChange: Codable, Sendable, Hashable {
        public var handoffClass: String
        public var change: FigureChange
    }

    /// The previous period: `[from − length, from)`.
    public var previous: ValueReport.Period
    public var previousClosedWorkflows: Int
    public var assistants: [AssistantChanges]
    /// Classes by the size of their change, largest first (at most ``maxClasses``).
    public var frictionClasses: [ClassChange]
    /// Classes left out of ``frictionClasses`` by the cap.
    public var frictionClassesOmitted: Int
    /// The rule behind every verdict, in words (printed with every rendering).
    public var rule: String
    /// Why nothing is compared, when one of the periods has no closed case.
    public var note: String?

    public static let maxClasses = 15
    public static let ruleText =
        "a figure 'changed' only when the 95% interval of its change excludes 0; a moved estimate whose interval includes 0 is 'no clear change'"

    /// The figures compared for each assistant, by their JSON names.
    static let assistantFigures: [(String, @Sendable (ValueReport.AssistantValue) -> ValueReport.Estimate?)] = [
        ("realized_saving_hours", { $0.realizedSavingHours }),
        ("realized_lead_reduction", { $0.realizedLeadReduction }),
        ("effort_saved_hours", { $0.effortSavedHours }),
        ("value_capture_ratio", { $0.valueCaptureRatio }),
    ]

    /// `current` compared with `previous`, the report of the period just before it.
    public init(current: ValueReport, previous: ValueReport) {
        self.previous = previous.period
        previousClosedWorkflows = previous.samples.closedWorkflows
        rule = Self.ruleText
        guard previous.samples.closedWorkflows > 0, current.samples.closedWorkflows > 0 else {
            let empty = previous.samples.closedWorkflows == 0 ? "the previous period" : "this period"
            note = "no closed case in \(empty): nothing to compare"
            assistants = []
            frictionClasses = []
            frictionClassesOmitted = 0
            return
        }
        let before = Dictionary(previous.assistants.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        assistants = current.assistants.map { a in
            let p = before[a.name]
            return AssistantChanges(
                name: a.name, estimator: a.estimator, previousEstimator: p?.estimator,
                changes: Self.assistantFigures.map { name, figure in
                    FigureChange(figure: name, current: figure(a), previous: p.flatMap(figure))
                })
        }
        let now = Dictionary(
            (current.classWaitPerCase ?? []).map { ($0.handoffClass, $0) }, uniquingKeysWith: { a, _ in a })
        let then = Dictionary(
            (previous.classWaitPerCase ?? []).map { ($0.handoffClass, $0) }, uniquingKeysWith: { a, _ in a })
        // A class absent from a period with closed cases cost those cases nothing: 0, exactly.
        func side(_ c: ClassWaitPerCase?, closed: Int) -> (Double, Double)? {
            if let c { return (c.meanHours, c.standardErrorHours) }
            return closed > 0 ? (0, 0) : nil
        }
        let classes = Set(now.keys).union(then.keys).sorted().map { name -> ClassChange in
            let c = side(now[name], closed: current.samples.closedWorkflows)
            let p = side(then[name], closed: previous.samples.closedWorkflows)
            guard let c, let p else {
                return ClassChange(
                    handoffClass: name,
                    change: FigureChange(
                        figure: "waiting_hours_per_case", current: c?.0, previous: p?.0,
                        change: .insufficient("no closed cases in one of the periods"),
                        verdict: FigureChange.insufficient))
            }
            return ClassChange(
                handoffClass: name,
                change: FigureChange(
                    figure: "waiting_hours_per_case", current: c.0, previous: p.0, currentSE: c.1, previousSE: p.1))
        }
        let ranked = classes.sorted {
            let (a, b) = (abs($0.change.change.value ?? 0), abs($1.change.change.value ?? 0))
            return a != b ? a > b : $0.handoffClass < $1.handoffClass
        }
        frictionClasses = Array(ranked.prefix(Self.maxClasses))
        frictionClassesOmitted = max(0, ranked.count - Self.maxClasses)
    }
}
