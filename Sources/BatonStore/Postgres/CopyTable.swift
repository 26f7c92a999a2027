/// A table that bulk loads fill by COPY, with its columns in the order the COPY text gives them.
///
/// Defined here, beside the statements that write these tables on ingest, so that nothing outside
/// the store (such as `baton bench`'s raw COPY) has to know their columns.
package struct CopyTable: Sendable {
    /// The table's name, one identifier (COPY FROM STDIN quotes it as such: no schema).
    package let name: String
    package let columns: [String]

    /// `workflows` (migration 0001) as a reported record gives it; the derived figures stay empty
    /// until the workflow is recomputed.
    package static let workflows = CopyTable(
        name: "workflows",
        columns: ["tenant_id", "workflow_id", "reported", "opened_at", "closed_at", "severity", "category", "outcome"])

    /// `tasks` (migration 0001) with its partition key `opened_month` (migration 0010).
    package static let tasks = CopyTable(
        name: "tasks",
        columns: [
            "tenant_id", "task_id", "workflow_id", "task_type", "stage", "tool", "actor", "assistant", "ai_mode",
            "started_at", "ended_at", "context_from", "attributes", "opened_month",
        ])
}
