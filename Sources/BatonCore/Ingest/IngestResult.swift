/// What happened to a batch of valid records once it was committed.
public struct IngestResult: Sendable, Hashable {
    /// Records stored as new or as an update of an existing id.
    public var accepted: Int
    /// Records whose content was already stored unchanged.
    public var duplicates: Int
    /// Workflows whose handoffs were recomputed.
    public var workflowsRecomputed: Int
    /// SQL statements the storing transaction sent (its last attempt), a diagnostic: it does not
    /// grow with the size of the batch.
    public var statements: Int

    /// Adds another batch's outcome (for loads split into several transactions).
    public mutating func add(_ other: IngestResult) {
        accepted += other.accepted
        duplicates += other.duplicates
        workflowsRecomputed += other.workflowsRecomputed
        statements += other.statements
    }

    public init(accepted: Int = 0, duplicates: Int = 0, workflowsRecomputed: Int = 0, statements: Int = 0) {
        self.accepted = accepted
        self.duplicates = duplicates
        self.workflowsRecomputed = workflowsRecomputed
        self.statements = statements
    }
}
