package import Logging
package import PostgresNIO

/// Whole databases created and dropped on a server by name, for work that must never touch
/// anybody's data (`baton bench` works in a database of its own).
///
/// CREATE and DROP DATABASE take no bind parameters: the server builds each statement from the
/// name with `format('%I')`, which quotes it as one identifier, and it is sent as the server made
/// it. A name never reaches SQL as text of ours.
package struct ScratchDatabases: Sendable {
    /// A client on the server's administrative database (not one of the databases it manages).
    package let client: PostgresClient

    package init(client: PostgresClient) {
        self.client = client
    }

    /// Creates database `name` afresh: drops it first if it exists (ending its sessions).
    package func recreate(_ name: String, logger: Logger) async throws {
        try await drop(name, logger: logger)
        try await execute("SELECT format('CREATE DATABASE %I', \(name)::text)", logger: logger)
    }

    /// Drops database `name` if it exists, ending its sessions.
    package func drop(_ name: String, logger: Logger) async throws {
        try await execute("SELECT format('DROP DATABASE IF EXISTS %I WITH (FORCE)', \(name)::text)", logger: logger)
    }

    /// Runs the statement the server made with `statement`.
    private func execute(_ statement: PostgresQuery, logger: Logger) async throws {
        for made in try await client.query(statement, logger: logger).collectValues(String.self) {
            try await client.query(PostgresQuery(unsafeSQL: made), logger: logger).drain()
        }
    }
}
