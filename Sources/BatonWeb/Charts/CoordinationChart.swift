import BatonCore

/// The coordination matrix (value-model §8) as a heatmap: rows are the side work came from,
/// columns the side it went to (assistants, then `human`); colour is the waiting hours of the
/// handoffs between them; each cell says how many handoffs carried context, and links to the
/// tagging queue filtered to that pair. Names are escaped wherever they appear (labels, titles,
/// links), as everything interpolated into ``HTML`` is.
enum CoordinationChart {
    static func render(_ matrix: CoordinationMatrix?) -> HTML {
        guard let matrix, !matrix.cells.isEmpty else {
            return "<p class=\"muted\">No handoffs between assistants or people in this period.</p>"
        }
        let sides = matrix.sides
        let cell = 96.0
        let rowHeight = 54.0
        let left = 150.0
        let top = 50.0
        let width = left + Double(sides.count) * cell + 10
        let height = top + Double(sides.count) * rowHeight + 10
        let maxHours = max(matrix.cells.map { $0.waitingHours + $0.duplicateHours }.max() ?? 1, 1e-9)
        var body: HTML = "<text x=\"\(left)\" y=\"14\" class=\"muted\" font-size=\"11\">to →</text>"
        body += "<text x=\"0\" y=\"\(top - 8)\" class=\"muted\" font-size=\"11\">from ↓</text>"
        for (j, to) in sides.enumerated() {
            body +=
                "<text x=\"\(left + Double(j) * cell + cell / 2)\" y=\"36\" text-anchor=\"middle\" font-weight=\"600\" font-size=\"11\">\(Chart.short(to.description, 12))<title>\(to.description)</title></text>"
        }
        var words: [String] = []
        for (i, from) in sides.enumerated() {
            let y = top + Double(i) * rowHeight
            body +=
                "<text x=\"0\" y=\"\(y + rowHeight / 2 + 4)\" font-weight=\"600\" font-size=\"11\">\(Chart.short(from.description, 20))<title>\(from.description)</title></text>"
            for (j, to) in sides.enumerated() {
                let x = left + Double(j) * cell
                guard let c = matrix.cell(from, to) else {
                    body +=
                        "<rect class=\"heat\" x=\"\(x)\" y=\"\(y)\" width=\"\(cell)\" height=\"\(rowHeight)\" fill=\"#f5f7fa\"/>"
                    continue
                }
                let intensity = 0.1 + 0.9 * (c.waitingHours + c.duplicateHours) / maxHours
                let title = Self.title(c)
                let link = "/handoffs" + HTML.query(Self.queueQuery(c))
                let carried = c.contextCarriedShare.map { HumanFormat.percent($0) + " ctx" } ?? "–"
                body += """
                    <a href="\(link)" class="coordination-cell"><rect class="heat" x="\(x)" y="\(y)" width="\(cell)" height="\(rowHeight)" fill="#0072b2" fill-opacity="\(intensity)"><title>\(title)</title></rect>\
                    <text x="\(x + cell / 2)" y="\(y + 22)" text-anchor="middle" font-size="11"\(intensity > 0.6 ? " fill=\"#fff\" font-weight=\"700\"" as HTML : "")>\(HTML.number(c.waitingHours.rounded())) h · \(c.handoffs)</text>\
                    <text x="\(x + cell / 2)" y="\(y + 38)" text-anchor="middle" font-size="10"\(intensity > 0.6 ? " fill=\"#fff\"" as HTML : "")>\(carried)</text></a>
                    """
                words.append(title)
            }
        }
        return Chart.svg(
            id: "chart-coordination", width: width, height: height,
            title: "Handoffs between assistants and people",
            description: "Waiting hours, handoffs and context carried from one side to the other: "
                + words.joined(separator: "; ") + ".",
            body)
    }

    /// What a cell says to a screen reader and on hover.
    static func title(_ c: CoordinationMatrix.Cell) -> String {
        func share(_ value: Double?) -> String { value.map(HumanFormat.percent) ?? "n/a" }
        var parts = [
            "\(c.from) to \(c.to): \(c.handoffs) handoffs, \(HTML.number(c.waitingHours)) waiting hours",
            "median wait \(c.medianWaitMinutes.map { HumanFormat.duration(seconds: $0 * 60) } ?? "n/a")",
            "context carried \(share(c.contextCarriedShare))", "re-gathered \(share(c.regatherShare))",
            "reworked \(share(c.reworkShare))",
        ]
        if c.brokenLinks > 0 { parts.append("\(c.brokenLinks) broken links") }
        if c.links > 0 { parts.append("\(c.links) producer-consumer links") }
        if c.duplicateHours > 0 { parts.append("duplicate work \(HTML.number(c.duplicateHours)) h") }
        return parts.joined(separator: ", ")
    }

    /// The tagging queue's query for a cell's handoffs (`human` names the side with no AI).
    static func queueQuery(_ c: CoordinationMatrix.Cell) -> [(String, String?)] {
        [
            ("from_assistant", c.from.assistant ?? "human"), ("to_assistant", c.to.assistant ?? "human"),
            ("class_by", "assistant"),
        ]
    }

    /// The five busiest pairs as a table beside the picture.
    static func table(_ matrix: CoordinationMatrix?) -> HTML {
        guard let matrix, !matrix.cells.isEmpty else { return "" }
        let rows = matrix.rankedCells.prefix(8).map { c -> HTML in
            func share(_ value: Double?) -> String { value.map(HumanFormat.percent) ?? "–" }
            return """
                <tr><th scope="row"><a href="/handoffs\(HTML.query(queueQuery(c)))">\(c.from.description) → \(c.to.description)</a></th>\
                <td class="num">\(c.handoffs)</td><td class="num">\(c.medianWaitMinutes.map { HumanFormat.duration(seconds: $0 * 60) } ?? "–")</td>\
                <td class="num">\(share(c.contextCarriedShare))</td><td class="num">\(share(c.regatherShare))</td>\
                <td class="num">\(share(c.reworkShare))</td><td class="num">\(c.brokenLinks)</td><td class="num">\(HTML.number(c.duplicateHours)) h</td></tr>
                """
        }
        let guidance = matrix.guidance.map { g -> HTML in
            "<li><strong>\(g.from.description) → \(g.to.description)</strong>, \(g.problem): \(HTML.number(g.hoursAtStake.rounded())) h at stake. Practice: \(g.practice).</li>"
        }
        return """
            <table><thead><tr><th>from → to</th><th class="num">handoffs</th><th class="num">median wait</th><th class="num">context carried</th><th class="num">re-gathered</th><th class="num">reworked</th><th class="num">broken links</th><th class="num">duplicate work</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            \(guidance.isEmpty ? "" : "<ol class=\"coordination-guidance\">\(guidance)</ol>" as HTML)
            <p class="muted">AI output consumed by a named task: \(matrix.aiOutputConsumedShare.map { HumanFormat.percent($0) } ?? "–"). Broken links: \(matrix.brokenLinks) handoffs out of AI work whose next task named no producer; \(matrix.otherCaseLinks) context links named a task outside the case and \(matrix.cycleLinks) lay on a cycle (both ignored).</p>
            """
    }
}
