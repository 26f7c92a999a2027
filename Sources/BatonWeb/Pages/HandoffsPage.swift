public import BatonCore
import Foundation

/// `/handoffs`: the tagging queue: largest waits first, filters, and a two-click tag form per row
/// (choose a reason, press Tag) for analysts.
public enum HandoffsPage {
    public static func render(
        _ page: HandoffPage, filter: HandoffFilter, parameters: [String: String], canTag: Bool, notice: String?,
        error: String?, layout: Layout
    ) -> HTML {
        // The query that produced this page (without the cursor), so a tag returns to it.
        let keys = [
            "untagged", "min_wait", "tool_pair", "stage", "assistant", "from_assistant", "to_assistant", "class_by",
            "from", "to", "limit",
        ]
        let current = HTML.query(keys.map { ($0, parameters[$0]) })
        let stageOptions = ([""] + Stage.allCases.map(\.rawValue)).map { s -> HTML in
            let label = s.isEmpty ? "any" : s
            return s == (parameters["stage"] ?? "")
                ? "<option value=\"\(s)\" selected>\(label)</option>" : "<option value=\"\(s)\">\(label)</option>"
        }
        let classOptions = HandoffClassing.allCases.map { c -> HTML in
            c == filter.classBy
                ? "<option value=\"\(c.rawValue)\" selected>\(c.rawValue) pair</option>"
                : "<option value=\"\(c.rawValue)\">\(c.rawValue) pair</option>"
        }
        let reasonOptions = HandoffReason.allCases.map {
            "<option value=\"\($0.rawValue)\">\($0.rawValue)</option>" as HTML
        }
        let rows = page.handoffs.map { h -> HTML in
            let workflowLink = "/workflows/" + HTML.urlComponent(h.workflowID)
            let tag: HTML =
                h.tag.map { t in
                    "<span class=\"tagged\">\(t.reason.rawValue)</span>\(t.note.map { "<br><span class=\"muted\">\($0)</span>" as HTML } ?? "")<br><span class=\"muted\">\(t.taggedBy ?? "") · \(String(t.taggedAt.rfc3339.prefix(16)))\(h.tagCount > 1 ? " · \(h.tagCount) tags" : "")</span>"
                } ?? "<span class=\"muted\">untagged</span>"
            let form: HTML =
                canTag
                ? """
                <form class="tag" method="post" action="/handoffs/\(HTML.urlComponent(h.id))/tag">
                \(layout.csrfField)<input type="hidden" name="back" value="\(current)">
                <label>Reason <select name="reason" required><option value="">choose…</option>\(reasonOptions)</select></label>
                <label>Note <input type="text" name="note" maxlength="2000"></label>
                <button type="submit">Tag</button>
                </form>
                """ : ""
            return """
                <tr id="h-\(HTML.urlComponent(h.id))"><td><a href="\(workflowLink)">\(h.workflowID)</a><br><span class="muted">\(h.id)</span></td>
                <td>\(h.handoff.handoffClass(filter.classBy))<br><span class="muted">\(h.handoff.fromStage?.rawValue ?? "–") → \(h.handoff.toStage?.rawValue ?? "–")</span><br><span class="muted sides">\(h.handoff.coordination.fromSide?.description ?? "–") → \(h.handoff.coordination.toSide.description)</span></td>
                <td class="num"><strong>\(HumanFormat.duration(microseconds: h.handoff.waitMicroseconds))</strong><br><span class="muted">\(String(h.handoff.handedAt.rfc3339.prefix(16)).replacingOccurrences(of: "T", with: " "))</span></td>
                <td>\(h.handoff.assistants.isEmpty ? "–" : h.handoff.assistants.joined(separator: ", "))\(h.handoff.contextCarried ? "" : "<br><span class=\"muted\">no context passed</span>" as HTML)</td>
                <td>\(tag)</td><td>\(form)</td></tr>
                """
        }
        var pager: [HTML] = []
        if filter.cursor != nil { pager.append("<a href=\"/handoffs\(current)\">First page</a>") }
        if let next = page.nextCursor {
            let separator = current.isEmpty ? "?" : "&"
            pager.append(
                "<a href=\"/handoffs\(current)\(separator)cursor=\(HTML.urlComponent(next.token))\" rel=\"next\">Next page</a>"
            )
        }
        let content: HTML = """
            <h1>Handoffs to tag</h1>
            <p class="muted">Largest waits first. Tag why a handoff was slow; the report's friction breakdown uses the latest tag at once. Retagging keeps the earlier tags as history.\(canTag ? "" : " Your role can read but not tag.")</p>
            \(notice.map { "<p class=\"notice\" role=\"status\">\($0)</p>" as HTML } ?? "")
            \(error.map { "<p class=\"error\" role=\"alert\">\($0)</p>" as HTML } ?? "")
            <form class="filters" method="get" action="/handoffs">
            <label><span><input type="checkbox" name="untagged" value="true"\(filter.untagged ? " checked" : "")> untagged only</span></label>
            <label>Min wait <input type="text" name="min_wait" value="\(parameters["min_wait"] ?? "")" placeholder="30m" size="6"></label>
            <label>Tools <input type="text" name="tool_pair" value="\(parameters["tool_pair"] ?? "")" placeholder="siem→edr" size="10"></label>
            <label>Into stage <select name="stage">\(stageOptions)</select></label>
            <label>Assistant <input type="text" name="assistant" value="\(parameters["assistant"] ?? "")" size="14"></label>
            <label>From assistant <input type="text" name="from_assistant" value="\(parameters["from_assistant"] ?? "")" placeholder="human" size="14"></label>
            <label>To assistant <input type="text" name="to_assistant" value="\(parameters["to_assistant"] ?? "")" placeholder="human" size="14"></label>
            <label>Class by <select name="class_by">\(classOptions)</select></label>
            <label>From <input type="date" name="from" value="\(String((parameters["from"] ?? "").prefix(10)))"></label>
            <label>To <input type="date" name="to" value="\(String((parameters["to"] ?? "").prefix(10)))"></label>
            <button type="submit">Filter</button>
            </form>
            <table><thead><tr><th>workflow</th><th>handoff</th><th class="num">wait</th><th>assistants</th><th>tag</th><th>\(canTag ? "tag it" : "")</th></tr></thead>
            <tbody>\(rows.isEmpty ? ["<tr><td colspan=\"6\" class=\"muted\">No handoffs match.</td></tr>"] : rows)</tbody></table>
            <nav class="pager" aria-label="Pages">\(pager)</nav>
            """
        return layout.page(title: "Handoffs", section: .handoffs, content)
    }
}
