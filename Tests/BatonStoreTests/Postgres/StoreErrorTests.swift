import BatonTestSupport
import PostgresNIO
import Testing

@testable import BatonStore

@Suite("Store errors")
struct StoreErrorTests {
    @Test(
        "PostgreSQL's data exceptions (SQLSTATE class 22: a NUL byte in text, division by zero) are invalidValue, not internal"
    )
    func dataExceptions() async throws {
        try await withFreshDatabase { endpoint in
            try await TestDatabase.withClient(endpoint) { client in
                let nul = "a\u{0}b"
                // The bug of issue 26: PostgreSQL refuses NUL in text (22021).
                await #expect {
                    try await client.query("SELECT \(nul)::text", logger: TestDatabase.logger).drain()
                } throws: { StoreError.classify($0) == .invalidValue }
                await #expect {
                    try await client.query("SELECT 1 / 0", logger: TestDatabase.logger).drain()
                } throws: { StoreError.classify($0) == .invalidValue }
                // Inside a transaction too (the error comes back wrapped).
                await #expect {
                    try await client.withTransaction(logger: TestDatabase.logger) { connection in
                        try await connection.query("SELECT \(nul)::text", logger: TestDatabase.logger).drain()
                    }
                } throws: { StoreError.classify($0) == .invalidValue }
                // Other server errors stay internal.
                await #expect {
                    try await client.query("SELECT * FROM no_such_table", logger: TestDatabase.logger).drain()
                } throws: { StoreError.classify($0) == .internalError }
            }
        }
    }
}
