import BatonCore

/// The period picker on the overview and the report: two dates, sent as `from` and `to`.
enum PeriodForm {
    static func render(action: String, report: ValueReport) -> HTML {
        let from = String(report.period.from.prefix(10))
        let to = String(report.period.to.prefix(10))
        return """
            <form class="filters no-print" method="get" action="\(action)">
            <label>From <input type="date" name="from" value="\(from)"></label>
            <label>To (exclusive) <input type="date" name="to" value="\(to)"></label>
            <button type="submit">Show</button>
            </form>
            """
    }

    /// "5 January to 5 April 2026 (90 days)".
    static func describe(_ report: ValueReport) -> String {
        let from = String(report.period.from.prefix(10))
        let to = String(report.period.to.prefix(10))
        return "\(from) to \(to) (end exclusive)"
    }
}
