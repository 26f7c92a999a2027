public import BatonCore

/// `/summary` and `baton report --format summary-html`: the one printed page a CISO decides from
/// (issue 22). The headline; what the AI estate cost against what it measurably returned; per
/// assistant the decision, the rule that made it and the figures behind it; the top three fixes
/// and whether a recorded change to them worked; what people say against what was measured.
public enum SummaryPage {
    public static func render(_ report: ValueReport, layout: Layout) -> HTML {
        layout.page(title: "Executive summary", section: .summary, body(report))
    }

    /// The summary as one self-contained HTML file, stylesheet inline, nothing to click.
    public static func standalone(_ report: ValueReport) -> HTML {
        Layout.standalone(title: "Executive summary · \(report.tenant)", body(report))
    }

    static func body(_ report: ValueReport) -> HTML {
        let costs = report.costs
        let currency = costs?.currency
        let estate: HTML =
            costs.map { c -> HTML in
                """
                <p>The AI estate cost <strong>\(c.total.map { HumanFormat.money($0, currency) } ?? "an unknown amount")</strong> \
                this period\(c.note.map { " (\($0))" } ?? ""). Net value, the analyst hours it saved at the hourly rate \
                minus that cost: <strong>\(HumanFormat.costFigure(c.netValue, currency))</strong>. \
                Per analyst hour saved: \(HumanFormat.costFigure(c.perEffortHourSaved, currency)).\
                \(c.unusedLicences.isEmpty ? "" : " Paid for and unused: \(c.unusedLicences.joined(separator: ", ")).")</p>
                """
            }
            ?? "<p class=\"muted\">No cost recorded: set each assistant's monthly cost (PUT /v1/assistants) and token prices (PUT /v1/prices) to see what the AI costs against what it returns.</p>"
        let decisions = report.assistants.map { a -> HTML in
            let d = a.decision
            return """
                <tr><th scope="row">\(a.name)</th><td><strong>\(d?.verdict ?? "–")</strong></td>\
                <td>\(d?.rule ?? "")</td><td>\(d?.figures.joined(separator: "; ") ?? "")</td>\
                <td class="num">\(a.cost?.total.map { HumanFormat.money($0, a.cost?.currency) } ?? "no cost recorded")</td></tr>
                """
        }
        let fixes = report.guidance.prefix(3).map { g -> HTML in
            """
            <li><strong>\(g.handoffClass)</strong>, \(g.reason): \(HumanFormat.hours(g.hoursAtStake)) of waiting at stake. \
            \(g.practice.isEmpty ? "" : g.practice.prefix(1).uppercased() + g.practice.dropFirst() + ".")</li>
            """
        }
        let perceptions = report.assistants.filter { $0.perceivedRating != nil }.map { a -> HTML in
            """
            <tr><th scope="row">\(a.name)</th><td>\(a.perceivedRating ?? "–") <span class="muted">(\(a.perceivedResponses) responses)</span></td>\
            <td>\(a.measuredRating)</td><td>\(a.perceptionGap ?? "agree")</td></tr>
            """
        }
        let changed: [String] =
            report.comparison?.assistants.flatMap { a in
                a.changes.filter { $0.verdict == FigureChange.changed }.map { "\(a.name): \($0.sentence)" }
            } ?? []
        return """
            <h1>AI value: executive summary</h1>
            <p class="muted">\(report.tenant) · \(PeriodForm.describe(report)) · \(report.samples.closedWorkflows) closed cases, \(report.samples.aiTouchedWorkflows) touched by AI</p>
            <p class="headline">\(report.headline)</p>
            <section class="keep" id="estate"><h2>What the AI costs and returns</h2>\(estate)</section>
            <section class="keep" id="decisions"><h2>Decisions</h2>
            <table><thead><tr><th>assistant</th><th>decision</th><th>why</th><th>figures (95% intervals)</th><th class="num">cost</th></tr></thead>
            <tbody>\(decisions)</tbody></table>
            <p class="muted">The rule, first that applies: not enough cases → not enough evidence yet; net value's interval below \(report.options.netValueFloor == 0 ? "0" : HumanFormat.money(report.options.netValueFloor, currency)) → reconsider; rated good or excellent → keep; rated some (faster tasks, cases not shorter) → fix the handoffs around it; otherwise → reconsider. \(report.settingsSentence).</p></section>
            <section class="keep" id="fixes"><h2>Top three fixes</h2>
            <ol>\(fixes)</ol></section>
            \(changes(changed))
            <section class="keep" id="perception"><h2>Perceived and measured</h2>
            \(perceptionTable(perceptions))</section>
            """
    }

    static func perceptionTable(_ rows: [HTML]) -> HTML {
        guard !rows.isEmpty else {
            return "<p class=\"muted\">No perceived ratings recorded (POST /v1/perceptions).</p>"
        }
        return """
            <table><thead><tr><th>assistant</th><th>people say</th><th>measured</th><th>gap</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
    }

    static func changes(_ changed: [String]) -> HTML {
        guard !changed.isEmpty else { return "" }
        let items = changed.map { c -> HTML in "<li>\(c)</li>" }
        return """
            <section class="keep" id="changes"><h2>What changed since the period before</h2><ul>\(items)</ul></section>
            """
    }
}
