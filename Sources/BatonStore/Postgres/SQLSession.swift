import Logging
import PostgresNIO

/// A connection inside one transaction, counting the statements it sends: the ingest path
/// promises a constant number of statements per batch, whatever its size, and reports the count.
struct SQLSession {
    let connection: PostgresConnection
    let logger: Logger
    private(set) var statements = 0

    init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    mutating func query(_ query: PostgresQuery) async throws -> PostgresRowSequence {
        statements += 1
        return try await connection.query(query, logger: logger)
    }

    mutating func execute(_ query: PostgresQuery) async throws {
        try await self.query(query).drain()
    }
}
