import BatonCore

/// The period picker on the overview and the report: two dates, sent as `from` and `to`, and the
/// estimator of the cases' lead-time change (`baseline`), so a reader can switch between them.
enum PeriodForm {
    static func render(action: String, report: ValueReport) -> HTML {
        let from = String(report.period.from.prefix(10))
        let to = String(report.period.to.prefix(10))
        let options = ReportOptions.Baseline.allCases.map { b -> HTML in
            "<option value=\"\(b.rawValue)\"\(HTML(trusted: b == report.options.baseline ? " selected" : ""))>\(b.rawValue): \(b.title)</option>"
        }
        return """
            <form class="filters no-print" method="get" action="\(action)">
            <label>From <input type="date" name="from" value="\(from)"></label>
            <label>To (exclusive) <input type="date" name="to" value="\(to)"></label>
            <label>Estimator <select name="baseline">\(options)</select></label>
            <button type="submit">Show</button>
            </form>
            """
    }

    /// The estimator in words, for the line under a page's title.
    static func estimator(_ report: ValueReport) -> String {
        "estimator: \(report.options.baseline.rawValue) (\(report.options.baseline.title))"
    }

    /// "5 January to 5 April 2026 (90 days)".
    static func describe(_ report: ValueReport) -> String {
        let from = String(report.period.from.prefix(10))
        let to = String(report.period.to.prefix(10))
        return "\(from) to \(to) (end exclusive)"
    }
}
