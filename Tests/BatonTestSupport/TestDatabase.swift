import BatonCore
package import BatonStore
import Foundation
package import Logging
package import PostgresNIO

/// Throwaway PostgreSQL databases for tests.
///
/// With `DATABASE_URL` set, databases are created on that server (its user needs CREATEDB).
/// Otherwise the first test that needs one starts a throwaway embedded cluster for this test
/// process, with Baton's own ``EmbeddedCluster``; it is stopped and deleted when the process exits.
/// Every test gets a database of its own, so tests run in parallel without sharing state.
package actor TestDatabase {
    package static let shared = TestDatabase()

    private var server: DatabaseEndpoint?
    private var counter = 0
    /// `BATON_HOME` of the throwaway cluster, for the exit handler.
    nonisolated(unsafe) private static var throwawayHome: String?

    package static var logger: Logger {
        var logger = Logger(label: "baton.tests")
        logger.logLevel =
            ProcessInfo.processInfo.environment["BATON_TEST_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0) }
            ?? .critical
        return logger
    }

    /// The server's administrative endpoint (its default database).
    package func serverEndpoint() throws -> DatabaseEndpoint {
        if let server { return server }
        let endpoint: DatabaseEndpoint
        if let url = ProcessInfo.processInfo.environment["DATABASE_URL"], !url.isEmpty {
            endpoint = try DatabaseEndpoint(url: url)
        } else {
            Self.removeAbandonedClusters()
            let home = FileManager.default.temporaryDirectory.appendingPathComponent("baton-tests-\(getpid())").path
            Self.throwawayHome = home
            atexit {
                if let home = TestDatabase.throwawayHome {
                    try? EmbeddedCluster(home: home).destroy(logger: TestDatabase.logger)
                    try? FileManager.default.removeItem(atPath: home)
                }
            }
            endpoint = try EmbeddedCluster(home: home).start(logger: Self.logger)
        }
        server = endpoint
        return endpoint
    }

    /// Destroys throwaway clusters of earlier test processes that died before their exit handler ran.
    private static func removeAbandonedClusters() {
        let temporary = FileManager.default.temporaryDirectory
        for name in (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? []
        where name.hasPrefix("baton-tests-") {
            guard let pid = Int32(name.dropFirst("baton-tests-".count)), kill(pid, 0) != 0, errno == ESRCH else {
                continue
            }
            let home = temporary.appendingPathComponent(name).path
            try? EmbeddedCluster(home: home).destroy(logger: logger)
            try? FileManager.default.removeItem(atPath: home)
        }
    }

    /// Creates an empty database and returns its endpoint.
    package func createDatabase() async throws -> DatabaseEndpoint {
        let server = try serverEndpoint()
        counter += 1
        let name = "baton_test_\(getpid())_\(counter)"
        try await Self.withClient(server) { try await ScratchDatabases(client: $0).recreate(name, logger: Self.logger) }
        return server.with(database: name)
    }

    package func dropDatabase(_ endpoint: DatabaseEndpoint) async throws {
        let server = try serverEndpoint()
        try await Self.withClient(server) {
            try await ScratchDatabases(client: $0).drop(endpoint.database, logger: Self.logger)
        }
    }

    /// Runs `body` with a running `PostgresClient` on `endpoint`.
    package static func withClient<T: Sendable>(
        _ endpoint: DatabaseEndpoint, _ body: @Sendable (PostgresClient) async throws -> T
    ) async throws -> T {
        let client = PostgresClient(configuration: endpoint.clientConfiguration(), backgroundLogger: logger)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                await client.run()
                return nil
            }
            defer { group.cancelAll() }
            return try await body(client)
        }
    }
}

/// Runs `body` with a fresh database (migrated unless `migrate` is false), dropped afterwards.
package func withFreshDatabase<T: Sendable>(
    migrate: Bool = true, _ body: @Sendable (DatabaseEndpoint) async throws -> T
) async throws -> T {
    let endpoint = try await TestDatabase.shared.createDatabase()
    do {
        if migrate {
            try await TestDatabase.withClient(endpoint) { client in
                try await Migrator(migrations: try Migration.bundled()).migrate(
                    client: client, logger: TestDatabase.logger)
            }
        }
        let result = try await body(endpoint)
        try await TestDatabase.shared.dropDatabase(endpoint)
        return result
    } catch {
        try? await TestDatabase.shared.dropDatabase(endpoint)
        throw error
    }
}

/// Runs `body` with a ``PostgresStorage`` on a fresh, migrated database.
package func withFreshStorage<T: Sendable>(_ body: @Sendable (PostgresStorage) async throws -> T) async throws -> T {
    try await withFreshDatabase { endpoint in
        try await TestDatabase.withClient(endpoint) { client in
            try await body(PostgresStorage(client: client, migrations: try Migration.bundled()))
        }
    }
}
