import BatonCore
import Logging
import PostgresNIO

/// ``BatonStorage`` on PostgreSQL through a `PostgresClient` pool.
///
/// The client is a long-lived `Service`: whoever builds the storage runs the client in its
/// `ServiceGroup`.
package struct PostgresStorage: BatonStorage {
    package let client: PostgresClient
    package let migrator: Migrator
    /// How many times a transaction that lost a deadlock or lock race is run again.
    package var maxAttempts = 4
    /// Operations using the pool now, for `GET /metrics`.
    package let poolUsage: PoolUsage
    /// How long a transaction waits for a pooled connection before it gives up with
    /// ``StoreError/unavailable`` (see ``DatabaseDeadline``).
    package var leaseLimit: Duration = DatabaseDeadline.lease

    package init(client: PostgresClient, migrations: [Migration], maximumConnections: Int = 20) {
        self.client = client
        self.migrator = Migrator(migrations: migrations)
        self.poolUsage = PoolUsage(maximumConnections: maximumConnections)
    }

    package func isReady(logger: Logger) async -> Bool {
        do {
            // Bounded: while the database is away the pool would hold the probe for a minute.
            return try await DatabaseDeadline.run(within: DatabaseDeadline.authentication) { [migrator, client] in
                try await migrator.isCurrent(client: client, logger: logger)
            }
        } catch {
            logger.debug(
                "readiness check failed", metadata: ["baton.error": "\(String(reflecting: error))"])
            return false
        }
    }

    /// Runs `body`, mapping database errors to ``StoreError`` and logging their details.
    func run<T>(_ operation: String, logger: Logger, _ body: () async throws -> T)
        async throws(StoreError) -> T
    {
        poolUsage.begin()
        defer { poolUsage.end() }
        do {
            return try await body()
        } catch {
            let mapped = StoreError.classify(error)
            logger.error(
                "database operation failed",
                metadata: [
                    "baton.operation": "\(operation)", "baton.error.kind": "\(mapped)",
                    "baton.error": "\(String(reflecting: error))",
                ])
            throw mapped
        }
    }

    /// Runs `body` in a transaction, again from the start when it loses a deadlock or lock race.
    func transaction<T: Sendable>(
        _ operation: String, logger: Logger, _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws(StoreError) -> T {
        try await run(operation, logger: logger) {
            var attempt = 1
            while true {
                do {
                    return try await DatabaseDeadline.withConnection(from: client, leaseWithin: leaseLimit) {
                        try await $0.withTransaction(logger: logger) { try await body($0) }
                    }
                } catch  where attempt < maxAttempts && StoreError.isRetryable(error) {
                    logger.debug("retrying transaction", metadata: ["baton.attempt": "\(attempt)"])
                    attempt += 1
                }
            }
        }
    }
}
