import BatonCore

/// What people say each assistant is worth next to what the measurements say, on the survey's
/// four-step scale (none, some, good, excellent).
enum PerceptionChart {
    static let scale = ["none", "some", "good", "excellent"]

    static func render(_ assistants: [ValueReport.AssistantValue]) -> HTML {
        let rows = assistants.filter { $0.perceivedRating != nil || scale.contains($0.measuredRating) }
        guard !rows.isEmpty else { return "<p class=\"muted\">No ratings yet.</p>" }
        let width = 900.0
        let label = 200.0
        let rowHeight = 48.0
        let height = 40 + Double(rows.count) * rowHeight + 10
        let x = Chart.Scale(low: 0, high: 3, x0: label + 30, x1: width - 60)
        var body: HTML = ""
        for (i, step) in scale.enumerated() {
            body +=
                "<line class=\"grid\" x1=\"\(x(Double(i)))\" x2=\"\(x(Double(i)))\" y1=\"26\" y2=\"\(height - 6)\"/>"
            body += "<text x=\"\(x(Double(i)))\" y=\"18\" text-anchor=\"middle\" font-weight=\"600\">\(step)</text>"
        }
        var words: [String] = []
        for (i, a) in rows.enumerated() {
            let y = 40 + Double(i) * rowHeight + rowHeight / 2
            body += "<text x=\"0\" y=\"\(y + 4)\">\(Chart.short(a.name, 28))</text>"
            let measured = scale.firstIndex(of: a.measuredRating)
            let perceived = a.perceivedRating.flatMap { scale.firstIndex(of: $0) }
            if let m = measured, let p = perceived, m != p {
                body +=
                    "<line class=\"whisker\" x1=\"\(x(Double(m)))\" x2=\"\(x(Double(p)))\" y1=\"\(y)\" y2=\"\(y)\"/>"
            }
            if let m = measured {
                body += "<circle class=\"rating-measured\" cx=\"\(x(Double(m)))\" cy=\"\(y)\" r=\"7\"/>"
                body +=
                    "<text x=\"\(x(Double(m)))\" y=\"\(y + 22)\" text-anchor=\"middle\" font-size=\"10\">measured</text>"
            }
            if let p = perceived {
                body += "<circle class=\"rating-perceived\" cx=\"\(x(Double(p)))\" cy=\"\(y)\" r=\"10\"/>"
                body +=
                    "<text x=\"\(x(Double(p)))\" y=\"\(y - 14)\" text-anchor=\"middle\" font-size=\"10\">perceived</text>"
            }
            words.append(
                "\(a.name): measured \(a.measuredRating), perceived \(a.perceivedRating ?? "not asked")")
        }
        return Chart.svg(
            id: "chart-perception", width: width, height: height,
            title: "Perceived versus measured value per assistant",
            description: words.joined(separator: "; ") + ".", body)
    }
}
