import BatonCore

/// Where the mean lead time goes, touched versus untouched cases: touch time, intake, each
/// handoff class and closure laid end to end, so the bar's length is the lead time.
enum WaterfallChart {
    struct Segment {
        var name: String
        var css: String
        var hours: Double
    }

    static func segments(_ c: ValueReport.LeadComposition) -> [Segment] {
        var segments = [Segment(name: "work (touch time)", css: "seg-touch", hours: c.meanTouchHours)]
        segments.append(Segment(name: "intake wait", css: "seg-intake", hours: c.meanIntakeHours))
        for (i, k) in c.handoffWaitByClass.enumerated() {
            segments.append(Segment(name: "\(k.handoffClass) wait", css: "seg-c\(min(i, 5))", hours: k.hours))
        }
        segments.append(Segment(name: "closure wait", css: "seg-closure", hours: c.meanClosureHours))
        return segments
    }

    static func render(_ composition: [ValueReport.LeadComposition]) -> HTML {
        guard !composition.isEmpty else { return "<p class=\"muted\">No closed cases in this period.</p>" }
        let width = 900.0
        let label = 150.0
        let maxLead = composition.map(\.meanLeadHours).max() ?? 1
        let x = Chart.Scale(low: 0, high: max(maxLead * 1.05, 0.1), x0: label, x1: width - 20)
        let barHeight = 34.0
        let height = 30 + Double(composition.count) * (barHeight + 30) + 24
        var body: HTML = ""
        for t in x.ticks(6) {
            body += "<line class=\"grid\" x1=\"\(x(t))\" x2=\"\(x(t))\" y1=\"20\" y2=\"\(height - 22)\"/>"
            body += "<text x=\"\(x(t))\" y=\"\(height - 6)\" text-anchor=\"middle\">\(HTML.number(t)) h</text>"
        }
        var words: [String] = []
        for (i, c) in composition.enumerated() {
            let y = 24 + Double(i) * (barHeight + 30)
            let name = c.cohort == "touched" ? "AI-touched cases" : "Untouched cases"
            body += "<text x=\"0\" y=\"\(y + barHeight / 2 + 4)\">\(name)</text>"
            body +=
                "<text x=\"0\" y=\"\(y + barHeight / 2 + 18)\" class=\"muted\" font-size=\"11\">\(c.workflows) cases</text>"
            var start = 0.0
            for s in segments(c) where s.hours > 0 {
                let x0 = x(start)
                let x1 = x(start + s.hours)
                body +=
                    "<rect class=\"\(s.css)\" x=\"\(x0)\" y=\"\(y)\" width=\"\(max(x1 - x0, 0.5))\" height=\"\(barHeight)\"><title>\(s.name): \(HumanFormat.hours(s.hours))</title></rect>"
                if x1 - x0 > 54 {
                    body +=
                        "<text x=\"\((x0 + x1) / 2)\" y=\"\(y + barHeight / 2 + 4)\" text-anchor=\"middle\" font-size=\"11\">\(HumanFormat.hours(s.hours))</text>"
                }
                start += s.hours
            }
            body +=
                "<text x=\"\(x(start) + 4)\" y=\"\(y + barHeight + 14)\" text-anchor=\"end\" font-weight=\"600\">lead \(HumanFormat.hours(c.meanLeadHours))</text>"
            let wait = c.meanLeadHours > 0 ? (c.meanLeadHours - c.meanTouchHours) / c.meanLeadHours : 0
            words.append(
                "\(name): mean lead time \(HumanFormat.hours(c.meanLeadHours)), of which \(HumanFormat.hours(c.meanTouchHours)) work and \(HumanFormat.percent(wait)) waiting."
            )
        }
        return Chart.svg(
            id: "chart-waterfall", width: width, height: height,
            title: "Where the lead time goes: work, intake, handoff waits and closure",
            description: words.joined(separator: " "), body)
    }

    /// The legend under the chart (colour plus name, so colour is never the only key).
    static func legend(_ composition: [ValueReport.LeadComposition]) -> HTML {
        var seen = Set<String>()
        var items: [HTML] = []
        for c in composition {
            for s in segments(c) where !seen.contains(s.name) {
                seen.insert(s.name)
                items.append("<li><span class=\"swatch sw-\(String(s.css.dropFirst(4)))\"></span>\(s.name)</li>")
            }
        }
        return "<ul class=\"legend\">\(items)</ul>"
    }
}
