/// The flat event log: one CSV row per task with its workflow's fields (RFC 4180, formula
/// injection neutralised like every Baton CSV).
public struct EventCSVWriter: EventLogWriter {
    public static let columns = [
        "case_id", "task_id", "activity", "stage", "tool", "resource", "assistant", "ai_mode", "start_timestamp",
        "complete_timestamp", "context_from", "case_opened_at", "case_closed_at", "severity", "category",
    ]

    public init() {}

    public func header() -> String { CSVWriter.header(Self.columns) }

    public func events(_ cases: [EventLogCase]) -> String {
        var out = ""
        for c in cases {
            for t in c.tasks {
                out += CSVWriter.line([
                    .text(c.workflowID), .text(t.id), .text(t.taskType), .text(t.stage?.rawValue), .text(t.tool),
                    .text(t.actor),
                    .text(t.assistant), .text(t.aiMode.rawValue), .text(t.startedAt.rfc3339), .text(t.endedAt?.rfc3339),
                    .text(t.contextFrom), .text(c.openedAt?.rfc3339), .text(c.closedAt?.rfc3339),
                    .text(c.severity?.rawValue),
                    .text(c.category),
                ])
            }
        }
        return out
    }

    public func footer() -> String { "" }
}
