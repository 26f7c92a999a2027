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
}
