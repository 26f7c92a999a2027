import BatonCore

/// Weekly median lead time of touched and untouched cases (the week a case opened in).
enum WeeklyChart {
    static func render(_ weeks: [ValueReport.WeekSummary]) -> HTML {
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
        return Chart.svg(
            id: "chart-weekly", width: width, height: height,
            title: "Weekly median lead time, touched and untouched cases",
            description: words.joined(separator: "; ") + ".", body)
    }
}
