/// The samples one assistant's value is computed from, selected once and shared by its
/// bootstrap jobs.
struct AssistantPlan: Sendable {
    var name: String
    var metadata: AssistantMetadata?
    var perceived: [ValueRating]
    /// The base of this assistant's random streams; each job adds its own offset.
    var seed: UInt64
    /// Task types the assistant's AI worked on, sorted.
    var types: [String]
    var treatedTasks: [ReportInput.TaskObservation]
    var baselines: [String: [ReportInput.TaskObservation]]
    var treatedWorkflows: [ReportInput.WorkflowObservation]
    var control: [ReportInput.WorkflowObservation]
}
