import Foundation
import Logging

/// Answers for database work that may never finish: while `work` runs, `probe` asks every
/// `interval` whether the database still answers; if it does not answer within another
/// `interval`, the caller gets ``StoreError/unavailable`` and the work is cancelled and left behind.
///
/// Why this exists: with PostgresNIO 1.33, a statement sent on a connection that the server is
/// closing (PostgreSQL stopping) can stay pending forever, and its query does not react to
/// cancellation. A task group would wait for it, so the work runs in a task of its own that the
/// caller stops waiting for. Abandoning it is safe for ingest: nothing is acknowledged before
/// COMMIT, and a client's retry of the same records is stored once (a duplicate if the stuck
/// transaction did commit).
package enum StuckWorkWatchdog {
    package static func run<T: Sendable>(
        interval: Duration, logger: Logger, probe: @escaping @Sendable () async throws -> Void,
        _ work: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let outcome = Outcome<T>()
        return try await withCheckedThrowingContinuation { continuation in
            outcome.install(continuation)
            let worker = Task { outcome.finish(await capture(work)) }
            Task {
                while !outcome.isFinished {
                    try? await Task.sleep(for: interval)
                    if outcome.isFinished { return }
                    // The probe may get stuck the same way, so it is raced against the interval too.
                    let answered = (try? await race(within: interval, probe)) != nil
                    if !answered, outcome.finish(.failure(StoreError.unavailable)) {
                        logger.warning("database work abandoned: the database does not answer")
                        worker.cancel()
                        return
                    }
                }
            }
        }
    }

    /// The result of `work`, or ``StoreError/unavailable`` once `limit` has passed, whether or
    /// not `work` reacts to cancellation.
    package static func race<T: Sendable>(within limit: Duration, _ work: @escaping @Sendable () async throws -> T)
        async throws -> T
    {
        let outcome = Outcome<T>()
        return try await withCheckedThrowingContinuation { continuation in
            outcome.install(continuation)
            let worker = Task { outcome.finish(await capture(work)) }
            Task {
                try? await Task.sleep(for: limit)
                if outcome.finish(.failure(StoreError.unavailable)) { worker.cancel() }
            }
        }
    }

    private static func capture<T>(_ work: () async throws -> T) async -> Result<T, any Error> {
        do { return .success(try await work()) } catch { return .failure(error) }
    }

    /// The first result wins; later ones are dropped.
    private final class Outcome<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var continuation: CheckedContinuation<T, any Error>?
        private var finished = false

        var isFinished: Bool { lock.withLock { finished } }

        func install(_ continuation: CheckedContinuation<T, any Error>) {
            lock.withLock { self.continuation = continuation }
        }

        @discardableResult
        func finish(_ result: Result<T, any Error>) -> Bool {
            let waiting: CheckedContinuation<T, any Error>? = lock.withLock {
                guard !finished else { return nil }
                finished = true
                defer { continuation = nil }
                return continuation
            }
            waiting?.resume(with: result)
            return waiting != nil
        }
    }
}
