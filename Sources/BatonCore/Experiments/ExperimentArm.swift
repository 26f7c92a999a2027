/// The arm of a randomized holdout a case is assigned to (value-model §7).
public enum ExperimentArm: String, Sendable, Hashable, Codable, CaseIterable {
    /// The calling tool lets the assistant work on the case.
    case use
    /// The calling tool keeps the assistant off the case.
    case holdout
}
