extension Record {
    /// The record as one line of contract JSON, with a fixed key order and only the fields that
    /// are set, so the same record always gives the same bytes.
    public var ndjsonLine: String {
        var fields: [(String, String?)]
        switch self {
        case .workflow(let w):
            fields = [
                ("type", "workflow"), ("workflow_id", w.workflowID), ("opened_at", w.openedAt.rfc3339),
                ("closed_at", w.closedAt?.rfc3339), ("severity", w.severity?.rawValue), ("category", w.category),
                ("outcome", w.outcome),
            ]
        case .task(let t):
            fields = [
                ("type", "task"), ("id", t.id), ("workflow_id", t.workflowID), ("task_type", t.taskType),
                ("stage", t.stage?.rawValue), ("tool", t.tool), ("actor", t.actor), ("assistant", t.assistant),
                ("ai_mode", t.aiMode.rawValue), ("started_at", t.startedAt.rfc3339),
                ("ended_at", t.endedAt?.rfc3339), ("context_from", t.contextFrom),
            ]
        }
        let members = fields.compactMap { key, value in value.map { "\"\(key)\":\(Self.jsonString($0))" } }
        return "{" + members.joined(separator: ",") + "}"
    }

    /// A JSON string literal (RFC 8259 escaping).
    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
