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
        var members = fields.compactMap { key, value in value.map { "\"\(key)\":\(Self.jsonString($0))" } }
        if case .task(let t) = self, let attributes = t.attributes, !attributes.isEmpty {
            // Sorted names: the same record always gives the same bytes.
            let inner = attributes.sorted { $0.key < $1.key }.map { key, value in
                "\(Self.jsonString(key)):\(Self.jsonLiteral(value))"
            }
            members.append("\"attributes\":{" + inner.joined(separator: ",") + "}")
        }
        return "{" + members.joined(separator: ",") + "}"
    }

    /// A scalar attribute value as JSON (integers without a fraction).
    static func jsonLiteral(_ value: JSONValue) -> String {
        switch value {
        case .number(let n) where n.rounded() == n && abs(n) < 9e15: return String(Int64(n))
        case .number(let n): return "\(n)"
        case .bool(let b): return b ? "true" : "false"
        case .string(let s): return jsonString(s)
        default: return "null"
        }
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
