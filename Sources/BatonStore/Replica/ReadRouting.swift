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

    /// Runs `read` on `database` (``reads`` unless given); when that is the replica and it does
    /// not answer in time (``StoreError/unavailable``), once more on the primary: the monitor
    /// notices a dead replica only at its next check, and a read should not fail meanwhile.
    package func read<T>(
        on database: PostgresDatabase? = nil, _ read: (PostgresDatabase) async throws -> T
    ) async throws -> T {
        let database = database ?? reads
        do {
            return try await read(database)
        } catch StoreError.unavailable where database.isReplica {
            return try await read(primary)
        }
    }
}
