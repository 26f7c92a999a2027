import BatonCore

/// An assistant's trend (issue 22): the realized lead reduction of each week's touched cases,
/// a point with its 95% interval as a whisker; a week with too few cases has no point, and the
/// chart's description and the table beside it say so.
enum TrendChart {
    static func render(_ a: ValueReport.AssistantValue, index: Int) -> HTML {
        let weeks = a.weekly ?? []
        let shown = weeks.filter { $0.realizedLeadReduction.value != nil }
        guard shown.count >= 2 else {
            return "<p class=\"muted\">\(a.name): fewer than two weeks with enough touched and comparable cases.</p>"
        }
        let width = 900.0
        let height = 220.0
        let left = 60.0
        let ends = shown.flatMap { w in
            [w.realizedLeadReduction.low, w.realizedLeadReduction.high, w.realizedLeadReduction.value].compactMap { $0 }
        }
        let low = min(0, ends.min() ?? 0)
        let high = max(0, ends.max() ?? 0)
        let pad = max((high - low) * 0.1, 0.02)
        let y = Chart.Scale(low: low - pad, high: high + pad, x0: height - 40, x1: 14)
        let x = Chart.Scale(low: 0, high: Double(max(weeks.count - 1, 1)), x0: left + 10, x1: width - 20)
        var body: HTML = ""
        for t in y.ticks(4) {
            body += "<line class=\"grid\" x1=\"\(left)\" x2=\"\(width - 20)\" y1=\"\(y(t))\" y2=\"\(y(t))\"/>"
            body +=
                "<text x=\"\(left - 6)\" y=\"\(y(t) + 4)\" text-anchor=\"end\">\(HumanFormat.signedPercent(t))</text>"
        }
        body += "<line class=\"zero\" x1=\"\(left)\" x2=\"\(width - 20)\" y1=\"\(y(0))\" y2=\"\(y(0))\"/>"
        let step = max(1, weeks.count / 7)
        for (i, w) in weeks.enumerated() {
            if i % step == 0 {
                body +=
                    "<text x=\"\(x(Double(i)))\" y=\"\(height - 18)\" text-anchor=\"middle\">\(String(w.weekStart.dropFirst(5)))</text>"
            }
            let e = w.realizedLeadReduction
            guard let value = e.value else { continue }
            if let l = e.low, let h = e.high {
                body +=
                    "<line class=\"whisker\" x1=\"\(x(Double(i)))\" x2=\"\(x(Double(i)))\" y1=\"\(y(l))\" y2=\"\(y(h))\"/>"
            }
            body +=
                "<circle class=\"dot-speedup\" cx=\"\(x(Double(i)))\" cy=\"\(y(value))\" r=\"3.5\"><title>\(w.weekStart): \(HumanFormat.estimate(e, HumanFormat.signedPercent)) shorter, \(w.treatedWorkflows) touched cases</title></circle>"
        }
        body +=
            "<text x=\"\(left)\" y=\"\(height - 2)\" class=\"muted\" font-size=\"11\">week starting (month-day)</text>"
        let first = shown.first!.realizedLeadReduction.value!
        let last = shown.last!.realizedLeadReduction.value!
        let missing = weeks.count - shown.count
        return Chart.svg(
            id: "chart-trend-\(index)", width: width, height: height,
            title: "\(a.name): realized lead reduction by week, with 95% intervals",
            description:
                "\(HumanFormat.percent(first)) in the first week shown, \(HumanFormat.percent(last)) in the last; \(shown.count) weeks shown\(missing > 0 ? ", \(missing) without enough cases" : "").",
            body)
    }
}
