/// The samples one assistant's value is computed from, selected once and shared by its
/// bootstrap jobs: positions of tasks and workflows in the input's columns, not copies of them.
struct AssistantPlan: Sendable {
    var name: String
    var metadata: AssistantMetadata?
    var perceived: [ValueRating]
    /// The base of this assistant's random streams; each job adds its own offset.
    var seed: UInt64
    /// Task types the assistant's AI worked on, sorted.
    var types: [String]
    /// The codes of `types`, in the same order.
    var typeCodes: [Int32]
    /// Positions of the tasks the assistant's AI worked on.
    var treatedTasks: [Int32]
    /// Positions of each type's baseline tasks, in the order of `types`.
    var baselines: [[Int32]]
    /// Positions of the workflows the assistant's AI worked on, and of their control cohort.
    var treatedWorkflows: [Int32]
    var control: [Int32]
}
