import Foundation

/// How one figure moved from the previous period to this one (issue 22): both values and the
/// difference (this − previous) with a 95% interval. Reporting a change of an estimate is not a
/// test of it: the verdict is `changed` only when the difference's interval excludes 0.
///
/// The two periods hold different cases (by the day each opened), so their estimates are
/// independent, and the difference's standard error is √(se₁² + se₂²). Each period's standard
/// error is read from its own 95% interval (its width ÷ 2 × 1.96): the normal approximation to
/// the difference of two bootstrap estimates (`Docs/metrics.md`).
public struct FigureChange: Codable, Sendable, Hashable {
    /// The figure's JSON name in the report, such as `realized_saving_hours`.
    public var figure: String
    public var current: Double?
    public var previous: Double?
    /// This period minus the previous one, with its interval.
    public var change: ValueReport.Estimate
    /// `changed`, `no clear change`, or `insufficient data`.
    public var verdict: String

    public static let changed = "changed"
    public static let noClearChange = "no clear change"
    public static let insufficient = "insufficient data"

    /// z for a two-sided 95% interval.
    static let z = 1.959963984540054

    public init(figure: String, current: Double?, previous: Double?, change: ValueReport.Estimate, verdict: String) {
        self.figure = figure
        self.current = current
        self.previous = previous
        self.change = change
        self.verdict = verdict
    }

    /// The change between two estimates with 95% intervals.
    public init(figure: String, current: ValueReport.Estimate?, previous: ValueReport.Estimate?) {
        guard let current, let previous, let c = current.value, let p = previous.value,
            let cl = current.low, let ch = current.high, let pl = previous.low, let ph = previous.high
        else {
            let missing = current?.value == nil ? "this period" : "the previous period"
            self.init(
                figure: figure, current: current?.value, previous: previous?.value,
                change: .insufficient("no estimate with an interval in \(missing)"), verdict: Self.insufficient)
            return
        }
        self.init(
            figure: figure, current: c, previous: p, currentSE: (ch - cl) / (2 * Self.z),
            previousSE: (ph - pl) / (2 * Self.z))
    }

    /// The change between two means with their standard errors.
    public init(figure: String, current: Double, previous: Double, currentSE: Double, previousSE: Double) {
        let difference = current - previous
        let se = (currentSE * currentSE + previousSE * previousSE).squareRoot()
        let change = ValueReport.Estimate.ok(difference, (difference - Self.z * se, difference + Self.z * se))
        self.init(
            figure: figure, current: current, previous: previous, change: change,
            verdict: change.excludes(0) ? Self.changed : Self.noClearChange)
    }
}
