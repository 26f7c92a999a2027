import BatonCore

/// The central picture: per assistant, how much faster its tasks got next to how the cases it
/// touched changed end to end, each with its 95% interval ("fast tasks, slow workflow").
enum SpeedupLeadChart {
    static func render(_ assistants: [ValueReport.AssistantValue]) -> HTML {
        let rows = assistants.filter { !$0.taskSpeedups.isEmpty || $0.realizedLeadReduction.value != nil }
        guard !rows.isEmpty else { return "<p class=\"muted\">No assistant has enough data for this chart yet.</p>" }
        let rowHeight = 46.0
        let top = 44.0
        let height = top + Double(rows.count) * rowHeight + 30
        let width = 900.0
        let label = 190.0
        // Left panel: speedup (×), right panel: lead-time change (%; positive = slower).
        let speedups = rows.compactMap { main($0)?.speedup }
        let maxSpeedup = max(2, (speedups.compactMap { $0.high ?? $0.value }.max() ?? 2) * 1.1)
        let left = Chart.Scale(low: 0, high: maxSpeedup, x0: label + 10, x1: 520)
        let changes = rows.flatMap { a -> [Double] in
            let r = a.realizedLeadReduction
            return [r.value, r.low, r.high].compactMap { $0.map { -$0 * 100 } }
        }
        let bound = max(10, (changes.map(abs).max() ?? 10) * 1.15)
        let right = Chart.Scale(low: -bound, high: bound, x0: 580, x1: width - 20)
        var body: HTML = """
            <text x="\(left.x0)" y="16" font-weight="600">Task speedup (median, ×)</text>
            <text x="\(right.x0)" y="16" font-weight="600">Lead time of touched cases (% change vs. without it)</text>
            <text x="\(right.x0)" y="32" class="muted" font-size="11">← sooner · later →</text>
            """
        for t in left.ticks(5) {
            body += "<line class=\"grid\" x1=\"\(left(t))\" x2=\"\(left(t))\" y1=\"\(top - 6)\" y2=\"\(height - 26)\"/>"
            body += "<text x=\"\(left(t))\" y=\"\(height - 10)\" text-anchor=\"middle\">\(HTML.number(t))×</text>"
        }
        for t in right.ticks(4) {
            body +=
                "<line class=\"grid\" x1=\"\(right(t))\" x2=\"\(right(t))\" y1=\"\(top - 6)\" y2=\"\(height - 26)\"/>"
            body += "<text x=\"\(right(t))\" y=\"\(height - 10)\" text-anchor=\"middle\">\(HTML.number(t))%</text>"
        }
        body += "<line class=\"zero\" x1=\"\(left(1))\" x2=\"\(left(1))\" y1=\"\(top - 6)\" y2=\"\(height - 26)\"/>"
        body += "<line class=\"zero\" x1=\"\(right(0))\" x2=\"\(right(0))\" y1=\"\(top - 6)\" y2=\"\(height - 26)\"/>"
        for (i, a) in rows.enumerated() {
            let y = top + Double(i) * rowHeight + rowHeight / 2
            body += "<text x=\"0\" y=\"\(y + 4)\">\(Chart.short(a.name, 26))</text>"
            if let s = main(a), let value = s.speedup.value {
                if let low = s.speedup.low, let high = s.speedup.high {
                    body += "<line class=\"whisker\" x1=\"\(left(low))\" x2=\"\(left(high))\" y1=\"\(y)\" y2=\"\(y)\"/>"
                }
                body += "<circle class=\"dot-speedup\" cx=\"\(left(value))\" cy=\"\(y)\" r=\"6\"/>"
                body +=
                    "<text x=\"\(left(value))\" y=\"\(y - 10)\" text-anchor=\"middle\">\(HumanFormat.factor(value)) \(Chart.short(s.taskType, 22))</text>"
            } else {
                body += "<text x=\"\(left.x0)\" y=\"\(y + 4)\" class=\"muted\">insufficient data</text>"
            }
            let r = a.realizedLeadReduction
            if let value = r.value {
                let change = -value * 100
                if let low = r.low, let high = r.high {
                    body +=
                        "<line class=\"whisker\" x1=\"\(right(-high * 100))\" x2=\"\(right(-low * 100))\" y1=\"\(y)\" y2=\"\(y)\"/>"
                }
                let css = change <= 0 ? "dot-lead-better" : "dot-lead-worse"
                let words = HumanFormat.soonerOrLater(value)
                body += "<rect class=\"\(css)\" x=\"\(right(change) - 6)\" y=\"\(y - 6)\" width=\"12\" height=\"12\"/>"
                body += "<text x=\"\(right(change))\" y=\"\(y - 10)\" text-anchor=\"middle\">\(words)</text>"
            } else {
                body += "<text x=\"\(right.x0)\" y=\"\(y + 4)\" class=\"muted\">insufficient data</text>"
            }
        }
        let description = rows.map { a -> String in
            let s =
                main(a).flatMap { s in s.speedup.value.map { "\(s.taskType) \(HumanFormat.factor($0)) faster" } }
                ?? "speedup not measurable"
            let r =
                a.realizedLeadReduction.value.map { "touched cases closed \(HumanFormat.soonerOrLater($0))" }
                ?? "lead-time change not measurable"
            return "\(a.name): \(s); \(r)."
        }.joined(separator: " ")
        return Chart.svg(
            id: "chart-speedup-lead", width: width, height: height,
            title: "Task speedup next to the lead-time change of touched cases, with 95% intervals",
            description: description, body)
    }

    /// The assistant's main speedup (the report's one rule): the one its chart row shows.
    static func main(_ a: ValueReport.AssistantValue) -> ValueReport.TaskSpeedup? { a.mainSpeedup }
}
