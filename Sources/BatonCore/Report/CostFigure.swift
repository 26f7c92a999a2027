/// A figure derived from a cost (cost per hour saved, net value) with its 95% interval, or the
/// reason it is not given. Cost is fixed within a period, so the interval is the saving's interval
/// mapped through the same arithmetic; a ratio whose saving's interval reaches 0 is unbounded and
/// is not given ("no saving measured") rather than shown as a misleading number.
public struct CostFigure: Codable, Sendable, Hashable {
    public static let ok = "ok"
    public static let noSaving = "no saving measured"
    public static let noCost = "no cost recorded"
    public static let noRate = "no hourly rate"

    public var value: Double?
    public var low: Double?
    public var high: Double?
    /// `ok`, `no saving measured`, `no cost recorded` or `no hourly rate`.
    public var status: String
    public var note: String?

    public init(value: Double?, low: Double?, high: Double?, status: String, note: String?) {
        self.value = value
        self.low = low
        self.high = high
        self.status = status
        self.note = note
    }

    public static func missing(_ status: String, _ note: String? = nil) -> CostFigure {
        CostFigure(value: nil, low: nil, high: nil, status: status, note: note)
    }

    /// `cost` per hour of `saving` (an estimate in hours, scaled by `scale`): given only when the
    /// saving's whole interval lies above 0; then low = cost / high saving, high = cost / low saving.
    public static func perHour(cost: Double?, costNote: String?, saving: ValueReport.Estimate, scale: Double = 1)
        -> CostFigure
    {
        guard let cost else { return .missing(noCost, costNote) }
        guard let value = saving.value else { return .missing(noSaving, saving.note ?? saving.status) }
        guard let low = saving.low, let high = saving.high, low * scale > 0 else {
            let reach = saving.low.map { "its interval reaches \(HumanFormat.hours($0 * scale))" } ?? "no interval"
            return .missing(noSaving, "saving \(HumanFormat.hours(value * scale)), \(reach)")
        }
        return CostFigure(
            value: cost / (value * scale), low: cost / (high * scale), high: cost / (low * scale), status: ok,
            note: nil)
    }

    /// Hours saved × `rate` − `cost`, with the interval of the hours mapped the same way.
    public static func netValue(cost: Double?, costNote: String?, hoursSaved: ValueReport.Estimate, rate: Double?)
        -> CostFigure
    {
        guard let rate else {
            return .missing(noRate, "set an hourly rate (the hourly_rate setting, or --hourly-rate) to value the hours")
        }
        guard let cost else { return .missing(noCost, costNote) }
        guard let value = hoursSaved.value else { return .missing(noSaving, hoursSaved.note ?? hoursSaved.status) }
        return CostFigure(
            value: value * rate - cost, low: hoursSaved.low.map { $0 * rate - cost },
            high: hoursSaved.high.map { $0 * rate - cost }, status: ok, note: nil)
    }
}
