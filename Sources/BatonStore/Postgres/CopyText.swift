package import BatonCore
import Foundation

/// Records as COPY's text format for the ``CopyTable``s, one line per row: the rows ingest would
/// store, without the derivation ingest does.
package enum CopyText {
    /// `workflows` rows of reported records.
    package static func workflows(_ workflows: [WorkflowRecord], tenant: String) -> String {
        var text = ""
        for w in workflows {
            let fields: [String?] = [
                tenant, w.workflowID, "t", w.openedAt.rfc3339, w.closedAt?.rfc3339, w.severity?.rawValue, w.category,
                w.outcome,
            ]
            text += fields.map(field).joined(separator: "\t") + "\n"
        }
        return text
    }

    /// `tasks` rows of each workflow's tasks, in the partition of the workflow's opening month,
    /// as ingest places them (migration 0010).
    package static func tasks(_ workflows: [(workflow: WorkflowRecord, tasks: [TaskRecord])], tenant: String) -> String
    {
        let encoder = JSONEncoder()
        var text = ""
        for workflow in workflows {
            // The partition key ingest writes too: the month of the workflow's opening (migration 0010).
            let month = String(workflow.workflow.openedAt.utcMonthStart.rfc3339.prefix(10))
            for t in workflow.tasks {
                let attributes = t.attributes.flatMap { try? encoder.encode($0) }.map {
                    String(decoding: $0, as: UTF8.self)
                }
                let fields: [String?] = [
                    tenant, t.id, t.workflowID, t.taskType, t.stage?.rawValue, t.tool, t.actor, t.assistant,
                    t.aiMode.rawValue, t.startedAt.rfc3339, t.endedAt?.rfc3339, t.contextFrom, attributes, month,
                ]
                text += fields.map(field).joined(separator: "\t") + "\n"
            }
        }
        return text
    }

    /// A value in COPY's text format: `\N` for NULL, backslash escapes for the characters the
    /// format gives meaning to.
    package static func field(_ value: String?) -> String {
        guard let value else { return "\\N" }
        // By scalar: "\r\n" is one Character, so a character-wise test would miss it.
        let special: Set<Unicode.Scalar> = ["\\", "\t", "\n", "\r"]
        guard value.unicodeScalars.contains(where: special.contains) else { return value }
        var escaped = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\\\"
            case "\t": escaped += "\\t"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
