package import Logging
import PostgresNIO

/// Runs a short piece of work against the database with a running `PostgresClient`,
/// for commands that are not long-lived services.
package enum StorageSession {
    package static func with<T: Sendable>(
        _ endpoint: DatabaseEndpoint, logger: Logger, migrate: Bool = true,
        _ body: @Sendable (PostgresStorage) async throws -> T
    ) async throws -> T {
        // The pool warns when leased before `run()` has begun, which the task group below cannot
        // order; a short-lived command logs only the pool's errors.
        var poolLogger = logger
        poolLogger.logLevel = max(logger.logLevel, .error)
        let client = PostgresClient(
            configuration: endpoint.clientConfiguration(), backgroundLogger: poolLogger)
        let storage = PostgresStorage(client: client, migrations: try Migration.bundled())
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                await client.run()
                return nil
            }
            defer { group.cancelAll() }
            if migrate { try await storage.maintenance.migrate(logger: logger) }
            return try await body(storage)
        }
    }
}
