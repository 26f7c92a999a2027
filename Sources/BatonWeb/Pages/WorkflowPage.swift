public import BatonCore

/// `/workflows/{id}`: one case's timeline, its figures, and its handoffs with their tags.
public enum WorkflowPage {
    public static func render(_ timeline: WorkflowTimeline, layout: Layout) -> HTML {
        let tools = Array(Set(timeline.tasks.map(\.tool))).sorted()
        let legend = tools.enumerated().map { i, tool -> HTML in
            "<li><span class=\"swatch sw-tool-\(min(i, 7))\"></span>\(tool)</li>"
        }
        let m = timeline.metrics
        let figures: HTML =
            m.map { m in
                """
                <div class="tiles">
                <div class="tile"><div class="value">\(HumanFormat.duration(microseconds: m.lead))</div><div class="label">lead time</div></div>
                <div class="tile"><div class="value">\(HumanFormat.duration(microseconds: m.touch))</div><div class="label">work (touch time)</div></div>
                <div class="tile"><div class="value">\(HumanFormat.duration(microseconds: m.wait))</div><div class="label">waiting</div></div>
                <div class="tile"><div class="value">\(m.flowEfficiency.map { HumanFormat.percent($0) } ?? "–")</div><div class="label">flow efficiency</div></div>
                </div>
                """
            } ?? "<p class=\"muted\">Still open: no lead time yet.</p>"
        let handoffs = timeline.handoffs.map { h -> HTML in
            let d = h.handoff
            let tags = h.tags.sorted { $0.taggedAt > $1.taggedAt }.map { t -> HTML in
                "\(t.reason.rawValue)\(t.note.map { ": " + $0 } ?? "") <span class=\"muted\">(\(String(t.taggedAt.rfc3339.prefix(16))))</span>"
            }
            return """
                <tr><td>\(d.kind == .intake ? "intake" : "\(d.fromTool ?? "")→\(d.toTool)")</td><td>\(d.toTaskID)</td>\
                <td class="num">\(HumanFormat.duration(microseconds: d.waitMicroseconds))</td><td>\(d.contextCarried ? "yes" : "no")</td>\
                <td>\(tags.isEmpty ? ["<span class=\"muted\">untagged</span>"] : tags.map { $0 + "<br>" })</td></tr>
                """
        }
        let content: HTML = """
            <h1>Workflow \(timeline.workflowID)</h1>
            <p class="muted">\(timeline.category ?? "no category") · \(timeline.severity?.rawValue ?? "no severity") · opened \(timeline.effectiveOpenedAt.map { String($0.rfc3339.prefix(16)) } ?? "–")\(timeline.openedAtInferred ? " (inferred from its first task)" : "") · \(timeline.closedAt.map { "closed " + String($0.rfc3339.prefix(16)) } ?? "open")\(timeline.pingPong ? " · ping-pong" : "")</p>
            \(figures)
            <figure>\(TimelineChart.render(timeline))
            <ul class="legend">\(legend)<li>hatched, marked AI: an assistant worked on the task</li><li>dashed red: waiting, with its length and tag</li></ul></figure>
            <h2>Handoffs</h2>
            <table><thead><tr><th>handoff</th><th>into task</th><th class="num">wait</th><th>context passed</th><th>tags (newest first)</th></tr></thead>
            <tbody>\(handoffs)</tbody></table>
            <p class="no-print"><a href="/handoffs">Back to the handoff queue</a></p>
            """
        return layout.page(title: "Workflow \(timeline.workflowID)", section: .workflow, content)
    }
}
