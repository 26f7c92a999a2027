import BatonCore

/// One case on a time axis: each task a bar in its row, coloured by tool, hatched and labelled
/// when AI worked on it; each wait drawn as a dashed gap before the task it waited for, labelled
/// with its length and its latest tag.
enum TimelineChart {
    static func render(_ timeline: WorkflowTimeline) -> HTML {
        let tasks = timeline.tasks
        guard let firstStart = tasks.map(\.startedAt).min() else {
            return "<p class=\"muted\">This workflow has no tasks yet.</p>"
        }
        let start = min(timeline.effectiveOpenedAt ?? firstStart, firstStart)
        let lastEnd = tasks.map { $0.endedAt ?? $0.startedAt }.max() ?? firstStart
        let end = max(timeline.closedAt ?? lastEnd, lastEnd)
        let span = max(Double(end.microseconds(since: start)), 1)
        let width = 900.0
        let label = 210.0
        let rowHeight = 38.0
        let top = 30.0
        let height = top + Double(tasks.count) * rowHeight + 34
        let x = Chart.Scale(low: 0, high: span, x0: label, x1: width - 20)
        func at(_ t: Timestamp) -> Double { x(Double(t.microseconds(since: start))) }
        let tools = Array(Set(tasks.map(\.tool))).sorted()
        var body: HTML = """
            <defs><pattern id="ai-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#ffffff" fill-opacity="0"/><line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2.5"/></pattern></defs>
            """
        for i in 0...4 {
            let t = span * Double(i) / 4
            body += "<line class=\"grid\" x1=\"\(x(t))\" x2=\"\(x(t))\" y1=\"\(top - 8)\" y2=\"\(height - 26)\"/>"
            body +=
                "<text x=\"\(x(t))\" y=\"\(height - 10)\" text-anchor=\"middle\">+\(HumanFormat.duration(microseconds: Int64(t)))</text>"
        }
        body += "<text x=\"\(label)\" y=\"14\" class=\"muted\" font-size=\"11\">time since the case opened</text>"
        let row = Dictionary(uniqueKeysWithValues: tasks.enumerated().map { ($1.id, $0) })
        var words: [String] = []
        for (i, task) in tasks.enumerated() {
            let y = top + Double(i) * rowHeight
            let ai = task.aiMode != .none
            body +=
                "<text x=\"0\" y=\"\(y + 16)\">\(Chart.short(task.taskType, 24))</text><text x=\"0\" y=\"\(y + 29)\" class=\"muted\" font-size=\"10\">\(task.tool)\(ai ? " · AI " + task.aiMode.rawValue : " · human")</text>"
            let x0 = at(task.startedAt)
            let x1 = task.endedAt.map(at) ?? (width - 20)
            let css = "tool-\(min(tools.firstIndex(of: task.tool) ?? 7, 7))"
            let duration =
                task.endedAt.map { HumanFormat.duration(microseconds: $0.microseconds(since: task.startedAt)) }
                ?? "running"
            body +=
                "<rect class=\"\(css)\" x=\"\(x0)\" y=\"\(y + 6)\" width=\"\(max(x1 - x0, 2))\" height=\"20\"><title>\(task.id): \(task.taskType) in \(task.tool), \(duration)\(ai ? ", AI " + task.aiMode.rawValue + " (" + (task.assistant ?? "") + ")" : "")</title></rect>"
            if ai {
                body +=
                    "<rect class=\"ai-mark\" x=\"\(x0)\" y=\"\(y + 6)\" width=\"\(max(x1 - x0, 2))\" height=\"20\"/>"
                body += "<text x=\"\(x1 + 4)\" y=\"\(y + 20)\" font-size=\"10\" font-weight=\"700\">AI</text>"
            }
            words.append(
                "\(task.taskType) in \(task.tool) by \(ai ? "AI (" + (task.assistant ?? "") + ")" : "a person"), \(duration)"
            )
        }
        for h in timeline.handoffs where h.handoff.waitMicroseconds > 0 {
            guard let r = row[h.handoff.toTaskID] else { continue }
            let y = top + Double(r) * rowHeight + 16
            let x1 = at(h.handoff.handedAt)
            let x0 = at(h.handoff.handedAt.adding(microseconds: -h.handoff.waitMicroseconds))
            let wait = HumanFormat.duration(microseconds: h.handoff.waitMicroseconds)
            let tag = h.tags.max { $0.taggedAt < $1.taggedAt }?.reason.rawValue
            let text = "wait \(wait)" + (tag.map { " · " + $0 } ?? "")
            body += "<line class=\"gap\" x1=\"\(x0)\" x2=\"\(x1)\" y1=\"\(y)\" y2=\"\(y)\"/>"
            let anchor: HTML = x1 - x0 > 150 ? "middle" : "end"
            let tx = x1 - x0 > 150 ? (x0 + x1) / 2 : x1 - 3
            body += "<text x=\"\(tx)\" y=\"\(y - 6)\" text-anchor=\"\(anchor)\" font-size=\"10\">\(text)</text>"
            words.append(
                "\(h.handoff.kind == .intake ? "intake" : "handoff") wait before \(h.handoff.toTaskID): \(wait)\(tag.map { ", tagged " + $0 } ?? "")"
            )
        }
        return Chart.svg(
            id: "chart-timeline", width: width, height: height, title: "Timeline of workflow \(timeline.workflowID)",
            description: words.joined(separator: "; ") + ".", body)
    }
}
