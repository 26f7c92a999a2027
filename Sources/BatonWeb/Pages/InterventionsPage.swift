public import BatonCore

/// `/interventions`: the recorded process changes with what each did to its target's waiting over
/// the page's period, and, for analysts and admins, the form that records one
/// (`Docs/interventions.md`).
public enum InterventionsPage {
    /// What the form held when it was refused, so the reader corrects rather than retypes it.
    public struct Draft: Sendable {
        public var date: String
        public var targetKind: String
        public var target: String
        public var description: String

        public init(date: String = "", targetKind: String = "", target: String = "", description: String = "") {
            self.date = date
            self.targetKind = targetKind
            self.target = target
            self.description = description
        }
    }

    public static func render(
        _ interventions: [Intervention], report: ValueReport, canRecord: Bool, draft: Draft = Draft(),
        notice: String?, error: String?, layout: Layout
    ) -> HTML {
        let effects = Dictionary(
            (report.interventions ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let rows = interventions.reversed().map { i -> HTML in
            let e = effects[i.id]
            let figure: HTML
            if let e, let value = e.effectMinutes.value {
                figure =
                    "<strong>\(HumanFormat.signedDuration(hours: value / 60))</strong> per handoff<br><span class=\"muted\">\(HumanFormat.signedDuration(hours: (e.effectMinutes.low ?? value) / 60)) to \(HumanFormat.signedDuration(hours: (e.effectMinutes.high ?? value) / 60))\(e.relativeEffect.map { " · " + HumanFormat.signedPercent($0) } ?? "")</span>"
            } else {
                figure = "<span class=\"muted\">–</span>"
            }
            let verdict: HTML =
                e.map { e in
                    "<strong>\(e.verdict)</strong><br><span class=\"muted\">\(e.summary)</span>\(e.warnings.map { w -> HTML in "<br><span class=\"warning\">⚠ \(w)</span>" })"
                } ?? "<span class=\"muted\">outside this period</span>"
            let sides: HTML =
                e.flatMap { e in
                    e.effectMinutes.value == nil && e.targetBefore.handoffs == 0
                        ? nil
                        : "\(e.targetBefore.cases) / \(e.targetAfter.cases)<br><span class=\"muted\">\(e.targetBefore.handoffs) / \(e.targetAfter.handoffs) handoffs</span>"
                } ?? "–"
            return """
                <tr id="intervention-\(i.id)"><td class="num">#\(i.id)</td><td>\(String(i.date.rfc3339.prefix(10)))</td>\
                <td>\(i.target.kind.rawValue)<br><strong>\(i.target.value)</strong></td><td class="description">\(i.description)</td>\
                <td class="num">\(sides)</td><td class="num">\(figure)</td><td>\(verdict)</td></tr>
                """
        }
        let kinds = InterventionTarget.Kind.allCases.map { k -> HTML in
            let label: String
            switch k {
            case .handoffClass: label = "handoff class (tool pair, such as edr→soar)"
            case .assistantPair: label = "assistant pair (such as siem-triage-assistant→human)"
            case .assistant: label = "assistant (its handoffs in and out)"
            }
            return k.rawValue == draft.targetKind
                ? "<option value=\"\(k.rawValue)\" selected>\(label)</option>"
                : "<option value=\"\(k.rawValue)\">\(label)</option>"
        }
        // Targets the reader may want: the period's handoff classes and coordination pairs.
        let suggestions =
            (report.friction.topClasses.map(\.handoffClass)
                + (report.coordination?.cells.map { "\($0.from)→\($0.to)" } ?? [])
                + report.assistants.map(\.name))
        let options = Array(Set(suggestions)).sorted().prefix(200).map { "<option value=\"\($0)\"></option>" as HTML }
        let form: HTML =
            canRecord
            ? """
            <h2>Record a change</h2>
            <form class="filters" id="intervention-form" method="post" action="/interventions">
            \(layout.csrfField)
            <label>Took effect on <input type="date" name="date" value="\(draft.date)" required></label>
            <label>Target kind <select name="target_kind" required>\(kinds)</select></label>
            <label>Target <input type="text" name="target" value="\(draft.target)" list="intervention-targets" maxlength="257" size="30" required placeholder="edr→soar"></label>
            <label>What changed <textarea name="description" maxlength="1000" rows="2" cols="40" required>\(draft.description)</textarea></label>
            <button type="submit">Record</button>
            </form>
            <datalist id="intervention-targets">\(options)</datalist>
            """
            : "<p class=\"muted\">Your role can read interventions; analysts and admins record them.</p>"
        let content: HTML = """
            <h1>Interventions</h1>
            <p class="muted">\(PeriodForm.describe(report)) · tenant \(report.tenant). When the SOC changes how a handoff is worked (say, pre-approving standard containment actions), record it here: the report then measures the target's waiting per handoff after the date against what it would have been had it changed as the other handoffs did over the same dates, with a 95% interval over cases.</p>
            \(notice.map { "<p class=\"notice\" role=\"status\">\($0)</p>" as HTML } ?? "")
            \(error.map { "<p class=\"error\" role=\"alert\">\($0)</p>" as HTML } ?? "")
            \(form)
            <h2>Recorded changes</h2>
            <table id="interventions"><thead><tr><th class="num">#</th><th>date</th><th>target</th><th>what changed</th><th class="num">cases before / after</th><th class="num">waiting change</th><th>verdict</th></tr></thead>
            <tbody>\(rows.isEmpty ? ["<tr><td colspan=\"7\" class=\"muted\">No interventions recorded yet.</td></tr>"] : rows)</tbody></table>
            <p class="muted">Figures over the page's period; a change dated outside it is listed without them. See the overview's weekly chart for where each date falls.</p>
            """
        return layout.page(title: "Interventions", section: .interventions, content)
    }
}
