package import BatonCore
import Foundation

/// Builders for records in tests: times are minutes after a fixed origin, 2026-03-02T10:00:00Z.
package enum Fixtures {
    package static let origin = Timestamp(rfc3339: "2026-03-02T10:00:00Z")!

    package static func at(_ minutes: Double) -> Timestamp {
        origin.adding(microseconds: Int64(minutes * 60_000_000))
    }

    package static func workflow(
        _ id: String, opened: Double = 0, closed: Double? = nil, severity: Severity? = .high,
        category: String? = "phishing"
    ) -> Record {
        .workflow(
            WorkflowRecord(
                workflowID: id, openedAt: at(opened), closedAt: closed.map(at), severity: severity,
                category: category))
    }

    package static func task(
        _ id: String, workflow: String, start: Double, end: Double?, tool: String = "siem",
        aiMode: AIMode = .none, assistant: String? = nil, contextFrom: String? = nil, stage: Stage? = .triage
    ) -> Record {
        .task(
            TaskRecord(
                id: id, workflowID: workflow, taskType: "alert-triage", stage: stage, tool: tool,
                actor: "analyst:ana", assistant: assistant ?? (aiMode == .none ? nil : "\(tool)-copilot"),
                aiMode: aiMode, startedAt: at(start), endedAt: end.map(at), contextFrom: contextFrom))
    }

    /// The two example records of the contract (`../shared/spec/contract.md`), as NDJSON.
    package static let contractExampleNDJSON = """
        {"type": "workflow", "workflow_id": "INC-1042", "opened_at": "2026-03-02T10:00:00Z", "closed_at": "2026-03-02T14:30:00Z", "severity": "high", "category": "phishing"}
        {"type": "task", "id": "siem-42", "workflow_id": "INC-1042", "task_type": "alert-triage", "stage": "triage", "tool": "siem", "actor": "analyst:ana", "assistant": "siem-copilot", "ai_mode": "assisted", "started_at": "2026-03-02T10:04:00Z", "ended_at": "2026-03-02T10:09:30Z", "context_from": "siem-41"}
        """
}
