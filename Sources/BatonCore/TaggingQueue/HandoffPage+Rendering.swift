import Foundation

extension HandoffPage {
    /// A terminal table: id, workflow, tool pair, stages, wait and current tag; then the cursor.
    public var text: String { text(classBy: .tool) }

    /// The table with each row's class named by tool pair or by assistant pair.
    public func text(classBy: HandoffClassing) -> String {
        guard !handoffs.isEmpty else { return "no handoffs match\n" }
        let header = ["handoff", "workflow", classBy == .tool ? "tools" : "assistants", "into stage", "wait", "tag"]
        let rows = handoffs.map { h in
            [
                h.id, h.workflowID, h.handoff.handoffClass(classBy), h.handoff.toStage?.rawValue ?? "–",
                HumanFormat.duration(microseconds: h.handoff.waitMicroseconds),
                h.tag.map { $0.reason.rawValue + ($0.note.map { ": " + $0 } ?? "") } ?? "untagged",
            ]
        }
        let widths = header.indices.map { i in ([header] + rows).map { $0[i].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                i == cells.count - 1 ? cell : cell.padding(toLength: widths[i] + 2, withPad: " ", startingAt: 0)
            }.joined()
        }
        var out = ([header] + rows).map(line).joined(separator: "\n") + "\n"
        if let nextCursor { out += "more: --cursor \(nextCursor.token)\n" }
        return out
    }
}
