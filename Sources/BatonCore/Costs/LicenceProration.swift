/// A licence's cost over a period: the monthly cost times the share of each calendar month (UTC)
/// that the period covers from the licence's start, so a 31-day month and a 28-day month each
/// cost one monthly amount (`Docs/metrics.md`, Costs; not a 30.4375-day average month).
public enum LicenceProration {
    /// The cost of `licence` over [from, to), and the days (fractional) it applied.
    public static func cost(of licence: AssistantLicence, from: Timestamp, to: Timestamp) -> (
        amount: Double, days: Double
    ) {
        let start = max(from, licence.startsAt ?? from)
        guard start < to else { return (0, 0) }
        var amount = 0.0
        var month = start.utcMonthStart
        while month < to {
            let next = month.utcMonthStart(plusMonths: 1)
            let covered = min(next, to).microseconds - max(month, start).microseconds
            amount += licence.monthlyCost * Double(covered) / Double(next.microseconds - month.microseconds)
            month = next
        }
        return (amount, Double(to.microseconds - start.microseconds) / Double(Timestamp.microsecondsPerDay))
    }
}
