package import BatonStore
import Logging

extension Benchmark {
    /// Runs the benchmark in database `name` on `server`, created afresh (dropped first if it
    /// exists) so it never truncates anybody's data, and dropped afterwards unless `keep`.
    package func run(inScratchDatabase name: String, on server: DatabaseEndpoint, keep: Bool) async throws
        -> BenchResult
    {
        try await inScratchDatabase(name, on: server, keep: keep) { try await run(on: $0) }
    }

    /// Runs `body` on database `name` of `server`, created afresh and dropped afterwards unless `keep`.
    package func inScratchDatabase<T>(
        _ name: String, on server: DatabaseEndpoint, keep: Bool, _ body: (DatabaseEndpoint) async throws -> T
    ) async throws -> T {
        let logger = self.logger
        try await StorageSession.with(server, logger: logger, migrate: false) { storage in
            try await ScratchDatabases(client: storage.database.client).recreate(name, logger: logger)
        }
        let result: T
        do {
            result = try await body(server.with(database: name))
        } catch {
            if !keep { try? await Self.drop(name, server: server, logger: logger) }
            throw error
        }
        if !keep { try await Self.drop(name, server: server, logger: logger) }
        return result
    }

    static func drop(_ name: String, server: DatabaseEndpoint, logger: Logger) async throws {
        try await StorageSession.with(server, logger: logger, migrate: false) { storage in
            try await ScratchDatabases(client: storage.database.client).drop(name, logger: logger)
        }
    }
}
