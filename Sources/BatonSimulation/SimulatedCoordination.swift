public import BatonCore

/// The generator's own record of who handed a case to whom (value-model §8), for the ground
/// truth: written as the workflow is generated, never derived from its records, so that the
/// tests compare Baton's derivation with what actually happened.
public struct SimulatedCoordination: Sendable, Hashable {
    /// One move of the case from the worker who finished last to the next task.
    public struct Handoff: Sendable, Hashable {
        public var from: CoordinationSide
        public var to: CoordinationSide
        /// The next task was handed the previous one's output (`context_from`).
        public var carried: Bool
        /// The next task is a `context-regathering` task.
        public var regathered: Bool
    }

    /// Time a parallel worker duplicated the step's worker.
    public struct Duplicate: Sendable, Hashable {
        public var first: CoordinationSide
        public var second: CoordinationSide
        public var microseconds: Int64
    }

    public var handoffs: [Handoff] = []
    public var duplicates: [Duplicate] = []
    /// Tasks that ran in parallel with their step's task.
    public var parallelTaskIDs: Set<String> = []

    public init() {}
}
