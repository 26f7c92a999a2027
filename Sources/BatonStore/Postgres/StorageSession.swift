package import Logging
import PostgresNIO

/// Runs a short piece of work against the database with a running `PostgresClient`,
/// for commands that are not long-lived services.
package enum StorageSession {
    /// With `replica`, a streaming replica of `endpoint`, the storage's ``PostgresStorage/repositories``
    /// read the report source, handoff pages and exports from it if one check
    /// (``ReplicaMonitor/check()``) finds it up and within `maxReplicaLag`; else from the primary.
    package static func with<T: Sendable>(
        _ endpoint: DatabaseEndpoint, replica: DatabaseEndpoint? = nil, maxReplicaLag: Duration = .seconds(30),
        logger: Logger, migrate: Bool = true, _ body: @Sendable (PostgresStorage) async throws -> T
    ) async throws -> T {
        // The pool warns when leased before `run()` has begun, which the task group below cannot
        // order; a short-lived command logs only the pool's errors.
        var poolLogger = logger
        poolLogger.logLevel = max(logger.logLevel, .error)
        let client = PostgresClient(
            configuration: endpoint.clientConfiguration(), backgroundLogger: poolLogger)
        let readClient = replica.map {
            PostgresClient(configuration: $0.clientConfiguration(), backgroundLogger: poolLogger)
        }
        var storage = PostgresStorage(client: client, migrations: try Migration.bundled())
        return try await withThrowingTaskGroup(of: T?.self) { group in
            for client in [client] + (readClient.map { [$0] } ?? []) {
                group.addTask {
                    await client.run()
                    return nil
                }
            }
            defer { group.cancelAll() }
            if migrate { try await storage.maintenance.migrate(logger: logger) }
            if let readClient {
                var database = PostgresDatabase(client: readClient, migrations: storage.database.migrator.migrations)
                database.isReplica = true
                let routing = ReadRouting(primary: storage.database, replica: database)
                await ReplicaMonitor(routing: routing, interval: .seconds(2), maxLag: maxReplicaLag, logger: logger)
                    .check()
                storage.readRouting = routing
            }
            return try await body(storage)
        }
    }
}
