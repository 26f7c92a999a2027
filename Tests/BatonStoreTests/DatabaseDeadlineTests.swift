import BatonCore
import BatonTestSupport
import PostgresNIO
import Testing
import _ConnectionPoolModule

@testable import BatonStore

@Suite("Waiting for an unreachable database")
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

    @Test("the pool giving up on connecting is 'unavailable' (503), not an internal error (500)")
    func poolErrors() {
        #expect(StoreError.classify(ConnectionPoolError.connectionCreationCircuitBreakerTripped) == .unavailable)
        #expect(StoreError.classify(ConnectionPoolError.poolShutdown) == .unavailable)
        #expect(StoreError.classify(ConnectionPoolError.requestCancelled) == .internalError)
    }

    @Test("a transaction that gets no connection gives up within its lease limit, not the pool's minute")
    func leaseLimit() async throws {
        let port = try PortProbe.freePort()  // nothing listens there
        let endpoint = try DatabaseEndpoint(url: "postgres://baton@127.0.0.1:\(port)/baton?sslmode=disable")
        let clock = ContinuousClock()
        let started = clock.now
        try await TestDatabase.withClient(endpoint) { client in
            var storage = PostgresStorage(client: client, migrations: [])
            storage.leaseLimit = .milliseconds(300)
            await #expect(throws: StoreError.unavailable) {
                _ = try await storage.ingest(
                    [Fixtures.workflow("WF-1")], tenant: "soc-1", logger: TestDatabase.logger)
            }
        }
        // The pool itself would wait 60 s for its circuit breaker; loose bound for a busy machine.
        #expect(clock.now - started < .seconds(30))
    }

    @Test("once it has a connection, a transaction runs to its end however long it takes")
    func workIsNotCutShort() async throws {
        try await withFreshStorage { storage in
            var storage = storage
            storage.leaseLimit = .milliseconds(100)
            let value = try await storage.transaction("slow", logger: TestDatabase.logger) { connection in
                try await connection.query("SELECT pg_sleep(0.5)", logger: TestDatabase.logger).drain()
                return 7
            }
            #expect(value == 7)
        }
    }
}
