/// Samples every assistant's plan shares, selected once per report: positions in the input's
/// columns, so plans refer to the same arrays instead of each holding a copy.
struct SharedSamples: Sendable {
    /// Positions of the tasks without AI, by task-type code.
    var untreatedByType: [[Int32]]
    /// Positions of the workflows no AI worked on (the concurrent control cohort).
    var untouchedWorkflows: [Int32]
}
