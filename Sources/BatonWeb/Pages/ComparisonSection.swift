import BatonCore

/// The report page's comparison with the previous period (issue 22): per assistant and per
/// handoff class, both values, the change with its 95% interval, and the verdict, which says
/// "changed" only when that interval excludes 0.
enum ComparisonSection {
    static func render(_ comparison: PeriodComparison?) -> HTML {
        guard let c = comparison else { return "" }
        guard c.note == nil else {
            return """
                <section class="keep" id="comparison"><h2>Compared with the previous period</h2>
                <p class="muted">\(String(c.previous.from.prefix(10))) to \(String(c.previous.to.prefix(10))): \(c.note ?? "")</p></section>
                """
        }
        let rows = c.assistants.flatMap { a in
            a.changes.enumerated().map { n, change -> HTML in
                let name: HTML =
                    n == 0 ? "<th scope=\"rowgroup\" rowspan=\"\(a.changes.count)\">\(a.name)</th>" : ""
                return "<tr>\(name)\(row(change))</tr>"
            }
        }
        let classes = c.frictionClasses.map { k -> HTML in
            "<tr><th scope=\"row\">\(k.handoffClass)</th>\(row(k.change))</tr>"
        }
        return """
            <section class="keep" id="comparison"><h2>Compared with the previous period</h2>
            <p class="muted">Previous period \(String(c.previous.from.prefix(10))) to \(String(c.previous.to.prefix(10))), \(c.previousClosedWorkflows) closed cases. Rule: \(c.rule).</p>
            <table><thead><tr><th>assistant</th><th>figure</th><th class="num">previous</th><th class="num">this period</th><th class="num">change (95% interval)</th><th>verdict</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            <table><thead><tr><th>handoff</th><th>figure</th><th class="num">previous</th><th class="num">this period</th><th class="num">change (95% interval)</th><th>verdict</th></tr></thead>
            <tbody>\(classes)</tbody></table>
            \(c.frictionClassesOmitted > 0 ? "<p class=\"muted\">\(c.frictionClassesOmitted) classes with smaller changes not shown.</p>" : "")
            </section>
            """
    }

    static func row(_ f: FigureChange) -> HTML {
        let verdict: HTML =
            f.verdict == FigureChange.changed
            ? "<strong>\(f.verdict)</strong>" : "<span class=\"muted\">\(f.verdict)</span>"
        return """
            <td>\(f.title)</td><td class="num">\(f.previous.map(f.format) ?? "–")</td>\
            <td class="num">\(f.current.map(f.format) ?? "–")</td>\
            <td class="num">\(ReportPage.estimate(f.change, f.changeFormat))</td><td>\(verdict)</td>
            """
    }
}
