import BatonStore
import BatonTestSupport
import Foundation
import Testing

/// Work that ignores cancellation, as a statement stuck in PostgresNIO does: it ends only after
/// `seconds`, whatever happens, and waits without occupying a thread. (A loop of `Task.sleep`
/// would not do: once cancelled, each sleep returns at once and the loop spins, starving the
/// two-thread pool that everything else here runs on.)
private func stubborn(_ seconds: Double, returning value: Int = 1) async -> Int {
    await withCheckedContinuation { continuation in
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { continuation.resume(returning: value) }
    }
}

@Suite("Abandoning stuck database work", .timeLimit(.minutes(10)))
struct StuckWorkWatchdogTests {
    let logger = TestDatabase.logger

    @Test("race: work that ignores cancellation is abandoned with unavailable when the limit passes")
    func raceAbandons() async throws {
        let started = ContinuousClock.now
        await #expect(throws: StoreError.unavailable) {
            try await StuckWorkWatchdog.race(within: .milliseconds(200)) { await stubborn(120) }
        }
        #expect(ContinuousClock.now - started < .seconds(60))
        #expect(try await StuckWorkWatchdog.race(within: .seconds(30)) { await stubborn(0.1, returning: 7) } == 7)
    }

    @Test("run: stuck work with a database that does not answer is abandoned; a healthy one is awaited")
    func runAbandonsOnlyWhenTheProbeFails() async throws {
        // The work would return 1 after 120 s: the watchdog answers long before (the bound is loose
        // because the whole suite, run in parallel on two cores, can delay a wake-up by half a minute).
        let started = ContinuousClock.now
        await #expect(throws: StoreError.unavailable) {
            try await StuckWorkWatchdog.run(
                interval: .milliseconds(200), logger: logger, probe: { _ = await stubborn(120) }
            ) { await stubborn(120) }
        }
        #expect(ContinuousClock.now - started < .seconds(60))

        // Slow work, but the database answers: it is waited for, however many probes pass.
        let value = try await StuckWorkWatchdog.run(interval: .milliseconds(100), logger: logger, probe: {}) {
            await stubborn(1, returning: 42)
        }
        #expect(value == 42)

        struct Failure: Error {}
        await #expect(throws: Failure.self) {
            try await StuckWorkWatchdog.run(interval: .seconds(5), logger: logger, probe: {}) { throw Failure() }
        }
    }
}
