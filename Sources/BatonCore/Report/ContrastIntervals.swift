/// A design's contrast with its 95% intervals, by the path value-model §10 allows: the normal
/// approximation from each cell's moments (``MomentContrast``) when every cell of every stratum
/// has at least 30 cases, the case bootstrap (``StratifiedContrast``) otherwise. The estimators
/// read every figure through it, so that a figure and its derived ratios always come from one
/// path and the report can say which (``IntervalMethod``).
enum ContrastIntervals: Sendable {
    case bootstrap(StratifiedContrast.Outcome)
    case normal(MomentContrast.Outcome)

    /// Estimates `contrast` over `columns`; the bootstrap (when the floor is not met) draws
    /// `resamples` resamples from `seed`.
    init(_ contrast: StratifiedContrast, _ columns: ReportWorkflowColumns, resamples: Int, seed: UInt64) {
        // The floor is read from the cells' sizes first: the moments are not summed for a design
        // that cannot use them.
        if MomentContrast.usable(sizes: contrast.strata.map { $0.map(\.workflows.count) }) {
            self = .normal(MomentContrast(contrast, columns).estimate())
        } else {
            self = .bootstrap(contrast.estimate(columns, resamples: resamples, seed: seed))
        }
    }

    var method: IntervalMethod {
        switch self {
        case .bootstrap: .bootstrap
        case .normal: .normal
        }
    }

    var point: StratifiedContrast.Figures {
        switch self {
        case .bootstrap(let o): o.point
        case .normal(let o): o.point
        }
    }

    /// Handoff class codes in slot order (``MomentContrast/Figure/handoffClass(_:)``).
    var classes: [Int32] {
        switch self {
        case .bootstrap(let o): o.classes
        case .normal(let o): o.classes
        }
    }

    /// The figure with its interval, multiplied by `scale` (a positive unit change).
    func estimate(_ figure: MomentContrast.Figure, scale: Double = 1) -> ValueReport.Estimate {
        switch self {
        case .bootstrap(let o):
            return .ok(
                o.point[figure] * scale, Statistics.percentileInterval(o.replicates.map { $0[figure] * scale }))
        case .normal(let o):
            let (low, high) = o.interval(figure)
            return .ok(o.value(figure) * scale, (low * scale, high * scale))
        }
    }

    /// Whether the figure is not 0 in the estimate or could differ from 0 (a handoff class no
    /// compared case waits at is not reported).
    func varies(_ figure: MomentContrast.Figure) -> Bool {
        switch self {
        case .bootstrap(let o): o.point[figure] != 0 || o.replicates.contains { $0[figure] != 0 }
        case .normal(let o): o.value(figure) != 0 || o.variance(figure) > 0
        }
    }

    /// `numerator / denominator` with its interval: the ratio in each resample, or Fieller's;
    /// `nil` when the denominator's estimate is 0 or (Fieller's) the interval is unbounded.
    func ratio(_ numerator: MomentContrast.Figure, over denominator: MomentContrast.Figure) -> ValueReport.Estimate? {
        switch self {
        case .bootstrap(let o):
            guard o.point[denominator] != 0 else { return nil }
            return .ok(
                o.point[numerator] / o.point[denominator],
                Statistics.percentileInterval(
                    o.replicates.map { $0[denominator] != 0 ? $0[numerator] / $0[denominator] : .nan }))
        case .normal(let o):
            return o.ratio(numerator, over: denominator).map { .ok($0.value, $0.interval) }
        }
    }

    /// The realized lead reduction −ΔL / (the treated cases' counterfactual mean lead).
    func reduction() -> ValueReport.Estimate {
        switch self {
        case .bootstrap(let o):
            guard o.point.counterfactualLead > 0 else {
                return .insufficient("the counterfactual mean lead time is not positive")
            }
            return .ok(
                -o.point.lead / o.point.counterfactualLead,
                Statistics.percentileInterval(
                    o.replicates.map { $0.counterfactualLead > 0 ? -$0.lead / $0.counterfactualLead : .nan }))
        case .normal(let o):
            guard let r = o.reductionInterval() else {
                return .insufficient("the counterfactual mean lead time is not positive across ΔL's interval")
            }
            return .ok(r.value, r.interval)
        }
    }
}
