import BatonCore

/// Weekly median lead time of touched and untouched cases (the week a case opened in), with the
/// recorded interventions' dates as annotations (`Docs/interventions.md`).
enum WeeklyChart {
    static func render(_ weeks: [ValueReport.WeekSummary], interventions: [ValueReport.InterventionEffect] = [])
        -> HTML
    {
        guard weeks.count >= 2 else { return "<p class=\"muted\">Fewer than two weeks of closed cases.</p>" }
        let width = 900.0
        let height = 260.0
        let left = 50.0
        let values = weeks.flatMap { [$0.medianLeadHoursTouched, $0.medianLeadHoursUntouched].compactMap { $0 } }
        let y = Chart.Scale(low: 0, high: max((values.max() ?? 1) * 1.15, 0.5), x0: height - 40, x1: 16)
        let x = Chart.Scale(low: 0, high: Double(weeks.count - 1), x0: left + 10, x1: width - 90)
        var body: HTML = ""
        for t in y.ticks(5) {
            body += "<line class=\"grid\" x1=\"\(left)\" x2=\"\(width - 90)\" y1=\"\(y(t))\" y2=\"\(y(t))\"/>"
            body += "<text x=\"\(left - 6)\" y=\"\(y(t) + 4)\" text-anchor=\"end\">\(HTML.number(t)) h</text>"
        }
        let step = max(1, weeks.count / 7)
        for (i, w) in weeks.enumerated() where i % step == 0 {
            body +=
                "<text x=\"\(x(Double(i)))\" y=\"\(height - 18)\" text-anchor=\"middle\">\(String(w.weekStart.dropFirst(5)))</text>"
        }
        body +=
            "<text x=\"\(left)\" y=\"\(height - 2)\" class=\"muted\" font-size=\"11\">week starting (month-day)</text>"
        var words: [String] = []
        for (css, name, value) in [
            ("line-touched", "AI-touched", \ValueReport.WeekSummary.medianLeadHoursTouched),
            ("line-untouched", "untouched", \ValueReport.WeekSummary.medianLeadHoursUntouched),
        ] {
            let points = weeks.enumerated().compactMap { i, w in w[keyPath: value].map { (Double(i), $0) } }
            guard let last = points.last else { continue }
            let path = points.map { "\(HTML.number(x($0.0))),\(HTML.number(y($0.1)))" }.joined(separator: " ")
            body += "<polyline class=\"\(css)\" points=\"\(path)\"/>"
            body += "<text x=\"\(x(last.0) + 6)\" y=\"\(y(last.1) + 4)\">\(name)</text>"
            if let first = points.first {
                words.append(
                    "\(name) cases: median \(HumanFormat.hours(first.1)) in the first week, \(HumanFormat.hours(last.1)) in the last"
                )
            }
        }
        // An intervention at its date: a week's point stands at its Monday, so a date d days after
        // the first Monday lies d / 7 of the way along.
        let day = 86_400_000_000.0
        var marked: [String] = []
        if let first = Timestamp(rfc3339: weeks[0].weekStart + "T00:00:00Z") {
            for e in interventions {
                guard let date = Timestamp(rfc3339: e.date) else { continue }
                let position = Double(date.microseconds(since: first)) / day / 7
                guard position >= 0, position <= Double(weeks.count - 1) else { continue }
                let at = x(position)
                body +=
                    "<g class=\"intervention\" id=\"intervention-mark-\(e.id)\"><title>#\(e.id) \(String(e.date.prefix(10))): \(e.description) (\(e.targetKind) \(e.target)); \(e.verdict)</title><line class=\"intervention-line\" x1=\"\(at)\" x2=\"\(at)\" y1=\"16\" y2=\"\(height - 40)\"/><text x=\"\(at + 3)\" y=\"26\" class=\"intervention-label\">#\(e.id)</text></g>"
                marked.append("#\(e.id) on \(String(e.date.prefix(10))) (\(e.target))")
            }
        }
        if !marked.isEmpty { words.append("interventions: \(marked.joined(separator: ", "))") }
        return Chart.svg(
            id: "chart-weekly", width: width, height: height,
            title: "Weekly median lead time, touched and untouched cases",
            description: words.joined(separator: "; ") + ".", body)
    }
}
