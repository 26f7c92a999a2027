import BatonStore
import BatonTestSupport
import PostgresNIO
import Testing

@Suite("Scratch databases")
struct ScratchDatabasesTests {
    @Test("a name is quoted as one identifier by the server: created afresh, then dropped, whatever its characters")
    func quotedNames() async throws {
        let server = try await TestDatabase.shared.serverEndpoint()
        let logger = TestDatabase.logger
        for name in ["baton_scratch_\(getpid())", "Baton Scratch \"\(getpid())\"; SELECT 1"] {
            try await TestDatabase.withClient(server) { client in
                let databases = ScratchDatabases(client: client)
                func exists() async throws -> Bool {
                    try await client.query(
                        "SELECT count(*)::int8 FROM pg_database WHERE datname = \(name)", logger: logger
                    )
                    .collectValues(Int64.self) == [1]
                }
                try await databases.recreate(name, logger: logger)
                #expect(try await exists())
                // Again: an existing database is dropped first.
                try await databases.recreate(name, logger: logger)
                #expect(try await exists())
                try await databases.drop(name, logger: logger)
                #expect(try await !exists())
                // Dropping what is not there is no error.
                try await databases.drop(name, logger: logger)
            }
        }
    }
}
