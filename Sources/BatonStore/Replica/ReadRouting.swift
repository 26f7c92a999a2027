/// Where the read-only repositories run their statements: on the read replica while the
/// ``ReplicaMonitor`` finds it up and current enough, else on the primary.
///
/// Each operation picks its database once, when it starts, and runs all its statements there.
package struct ReadRouting: Sendable {
    package let primary: PostgresDatabase
    package let replica: PostgresDatabase
    package let state: ReplicaState

    package init(primary: PostgresDatabase, replica: PostgresDatabase, state: ReplicaState = ReplicaState()) {
        self.primary = primary
        self.replica = replica
        self.state = state
    }

    /// The database for a read starting now.
    package var reads: PostgresDatabase { state.status.usable ? replica : primary }
}
