import BatonCore
package import Logging
import NIOCore
import PostgresNIO

/// Raw bulk loading of records by COPY, beside ingest: what `baton bench` compares the collector
/// with. Rows go in as they are: no handoffs are derived, no task keys written, so a table filled
/// this way is for measurement only, and is emptied afterwards (``emptyRecordTables(logger:)``).
package struct PostgresBulkLoad: Sendable {
    package let database: PostgresDatabase

    package init(database: PostgresDatabase) {
        self.database = database
    }

    /// COPY of prepared text (``CopyText``) into `table`: share `i` on its own connection, all
    /// shares at once.
    package func copy(_ shares: [[String]], into table: CopyTable, logger: Logger) async throws {
        let client = database.client
        try await withThrowingTaskGroup(of: Void.self) { group in
            for share in shares where !share.isEmpty {
                group.addTask {
                    try await client.withConnection { connection in
                        // Table and column names are the store's constants (`CopyTable`), never input.
                        try await connection.copyFrom(table: table.name, columns: table.columns, logger: logger) {
                            writer in
                            for piece in share { try await writer.write(ByteBuffer(string: piece)) }
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    /// Empties the record tables of every tenant (assistants and tenants stay, as after a
    /// retention purge).
    package func emptyRecordTables(logger: Logger) async throws {
        try await database.client.query("TRUNCATE workflows, tasks, task_keys, handoffs, handoff_tags", logger: logger)
    }

    /// How many tasks a tenant has stored, for the checks that every row arrived.
    package func taskCount(tenant: String, logger: Logger) async throws -> Int {
        var result = 0
        for try await value in try await database.client.query(
            "SELECT count(*)::int8 FROM tasks WHERE tenant_id = \(tenant)", logger: logger
        ).decode(Int64.self) {
            result = Int(value)
        }
        return result
    }
}
