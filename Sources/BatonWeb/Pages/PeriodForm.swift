import BatonCore

/// The period picker on the overview and the report: two dates, sent as `from` and `to`, and the
/// estimator of the cases' lead-time change (`baseline`), so a reader can switch between them.
enum PeriodForm {
    static func render(action: String, report: ValueReport) -> HTML {
        render(action: action, from: report.period.from, to: report.period.to, baseline: report.options.baseline)
    }

    /// The form for a period given as RFC 3339 texts (a page whose report is not built yet).
    static func render(action: String, from: String, to: String, baseline: ReportOptions.Baseline) -> HTML {
        let from = String(from.prefix(10))
        let to = String(to.prefix(10))
        let options = ReportOptions.Baseline.allCases.map { b -> HTML in
            "<option value=\"\(b.rawValue)\"\(HTML(trusted: b == baseline ? " selected" : ""))>\(b.rawValue): \(b.title)</option>"
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
    static func estimator(_ report: ValueReport) -> String { estimator(report.options.baseline) }

    static func estimator(_ baseline: ReportOptions.Baseline) -> String {
        "estimator: \(baseline.rawValue) (\(baseline.title))"
    }

    /// "2026-01-05 to 2026-04-05 (end exclusive)".
    static func describe(_ report: ValueReport) -> String { describe(from: report.period.from, to: report.period.to) }

    static func describe(from: String, to: String) -> String {
        "\(from.prefix(10)) to \(to.prefix(10)) (end exclusive)"
    }
}
