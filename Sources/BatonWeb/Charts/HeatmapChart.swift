import BatonCore

/// Waiting hours by tool pair: rows are the tool a case left, columns the tool it went to.
enum HeatmapChart {
    static func render(_ classes: [ValueReport.ClassFriction]) -> HTML {
        let pairs = classes.compactMap { c -> (String, String, Double)? in
            guard let pair = ToolPair(parsing: c.handoffClass) else { return nil }
            return (pair.from, pair.to, c.waitingHours)
        }
        guard !pairs.isEmpty else { return "<p class=\"muted\">No handoffs between tools in this period.</p>" }
        let froms = Array(Set(pairs.map(\.0))).sorted()
        let tos = Array(Set(pairs.map(\.1))).sorted()
        let cell = 78.0
        let left = 110.0
        let top = 46.0
        let width = left + Double(tos.count) * cell + 10
        let height = top + Double(froms.count) * (cell * 0.6) + 10
        let maxHours = pairs.map(\.2).max() ?? 1
        var body: HTML = "<text x=\"\(left)\" y=\"14\" class=\"muted\" font-size=\"11\">to tool →</text>"
        body += "<text x=\"0\" y=\"\(top - 8)\" class=\"muted\" font-size=\"11\">from tool ↓</text>"
        for (j, t) in tos.enumerated() {
            body +=
                "<text x=\"\(left + Double(j) * cell + cell / 2)\" y=\"34\" text-anchor=\"middle\" font-weight=\"600\">\(Chart.short(t, 11))</text>"
        }
        var words: [String] = []
        for (i, f) in froms.enumerated() {
            let y = top + Double(i) * cell * 0.6
            body += "<text x=\"0\" y=\"\(y + cell * 0.3 + 4)\" font-weight=\"600\">\(Chart.short(f, 14))</text>"
            for (j, t) in tos.enumerated() {
                let x = left + Double(j) * cell
                if let hours = pairs.first(where: { $0.0 == f && $0.1 == t })?.2 {
                    let intensity = 0.12 + 0.88 * hours / maxHours
                    body +=
                        "<rect class=\"heat\" x=\"\(x)\" y=\"\(y)\" width=\"\(cell)\" height=\"\(cell * 0.6)\" fill=\"#d55e00\" fill-opacity=\"\(intensity)\"><title>\(f)→\(t): \(HTML.number(hours)) waiting hours</title></rect>"
                    body +=
                        "<text x=\"\(x + cell / 2)\" y=\"\(y + cell * 0.3 + 4)\" text-anchor=\"middle\" font-size=\"11\"\(intensity > 0.6 ? " font-weight=\"700\"" as HTML : "")>\(HTML.number(hours.rounded())) h</text>"
                    words.append("\(f) to \(t): \(Int(hours.rounded())) h")
                } else {
                    body +=
                        "<rect class=\"heat\" x=\"\(x)\" y=\"\(y)\" width=\"\(cell)\" height=\"\(cell * 0.6)\" fill=\"#f5f7fa\"/>"
                }
            }
        }
        return Chart.svg(
            id: "chart-heatmap", width: width, height: height, title: "Waiting hours by tool pair",
            description: "Waiting hours per handoff from one tool to another: " + words.joined(separator: "; ") + ".",
            body)
    }
}
