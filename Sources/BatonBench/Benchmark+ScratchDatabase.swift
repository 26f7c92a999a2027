package import BatonStore
import Logging

extension Benchmark {
    /// Runs the benchmark in database `name` on `server`, created afresh (dropped first if it
    /// exists) so it never truncates anybody's data, and dropped afterwards unless `keep`.
    package func run(inScratchDatabase name: String, on server: DatabaseEndpoint, keep: Bool) async throws
        -> BenchResult
    {
        let logger = self.logger
        try await StorageSession.with(server, logger: logger, migrate: false) { storage in
            try await ScratchDatabases(client: storage.database.client).recreate(name, logger: logger)
        }
        let result: BenchResult
        do {
            result = try await run(on: server.with(database: name))
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
