import BatonCore
import BatonTestSupport
import PostgresNIO
import Testing
import _ConnectionPoolModule

@testable import BatonStore

@Suite("Waiting for an unreachable database", .timeLimit(.minutes(10)))
struct DatabaseDeadlineTests {
    @Test("an operation that outlasts its deadline is abandoned as unavailable; a quick one returns its value")
    func deadline() async throws {
        let clock = ContinuousClock()
        let started = clock.now
        await #expect(throws: StoreError.unavailable) {
            try await DatabaseDeadline.run(within: .milliseconds(50)) {
                try await Task.sleep(for: .seconds(600))
                return 1
            }
        }
        // Abandoned long before the operation would have ended. The bound is loose on purpose:
        // with the whole suite running on two cores, waking up can take seconds.
        #expect(clock.now - started < .seconds(120))
        #expect(try await DatabaseDeadline.run(within: .seconds(30)) { 42 } == 42)
    }

    @Test("the pool giving up, or work cancelled at shutdown, is 'unavailable' (503), not an internal error (500)")
    func poolErrors() {
        #expect(StoreError.classify(ConnectionPoolError.connectionCreationCircuitBreakerTripped) == .unavailable)
        #expect(StoreError.classify(ConnectionPoolError.poolShutdown) == .unavailable)
        #expect(StoreError.classify(ConnectionPoolError.requestCancelled) == .internalError)
        // Work cancelled at the end of the shutdown grace: the client is told to retry, not "internal".
        #expect(StoreError.classify(CancellationError()) == .unavailable)
    }

    @Test("a transaction that gets no connection gives up at its lease limit, before the pool's own minute")
    func leaseLimit() async throws {
        let port = try PortProbe.freePort()  // nothing listens there
        let endpoint = try DatabaseEndpoint(url: "postgres://baton@127.0.0.1:\(port)/baton?sslmode=disable")
        try await TestDatabase.withClient(endpoint) { client in
            // The pool would fail the lease with its own ConnectionPoolError after a minute of
            // failed attempts; StoreError.unavailable can only come from the lease limit. (No
            // clock here: with the whole suite on two cores, waking up can take half a minute.)
            await #expect(throws: StoreError.unavailable) {
                try await DatabaseDeadline.withConnection(from: client, leaseWithin: .milliseconds(300)) { _ in 1 }
            }
            var storage = PostgresStorage(client: client, migrations: [])
            storage.database.leaseLimit = .milliseconds(300)
            await #expect(throws: StoreError.unavailable) {
                _ = try await storage.ingest.ingest(
                    [Fixtures.workflow("WF-1")], tenant: "soc-1", logger: TestDatabase.logger)
            }
        }
    }

    @Test("once it has a connection, a transaction runs to its end however long it takes")
    func workIsNotCutShort() async throws {
        try await withFreshStorage { storage in
            // Two idle connections in the pool first, so that the lease below and the watchdog's
            // probe beside it need not open one. With one, and a 1 s limit, opening the probe's
            // connection under the parallel suite on two cores once took longer than the limit.
            async let first = storage.database.transaction("warm up", logger: TestDatabase.logger) { connection in
                try await connection.query("SELECT pg_sleep(0.3)", logger: TestDatabase.logger).drain()
                return 0
            }
            async let second = storage.database.transaction("warm up", logger: TestDatabase.logger) { connection in
                try await connection.query("SELECT pg_sleep(0.3)", logger: TestDatabase.logger).drain()
                return 0
            }
            _ = try await (first, second)
            var storage = storage
            storage.database.leaseLimit = .seconds(3)
            let value = try await storage.database.transaction("slow", logger: TestDatabase.logger) { connection in
                // Outlasts the lease limit (and so the watchdog's first probe): it must not be cut short.
                try await connection.query("SELECT pg_sleep(4.5)", logger: TestDatabase.logger).drain()
                return 7
            }
            #expect(value == 7)
        }
    }
}
