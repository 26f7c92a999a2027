import Foundation
package import Logging

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
        try await supervise(work) { outcome in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                if Task.isCancelled { return }
                // The probe may get stuck the same way, so it is raced against the interval too.
                if (try? await race(within: interval, probe)) == nil, outcome.abandon() {
                    logger.warning("database work abandoned: the database does not answer")
                    return
                }
            }
        }
    }

    /// The result of `work`, or ``StoreError/unavailable`` once `limit` has passed, whether or
    /// not `work` reacts to cancellation.
    package static func race<T: Sendable>(within limit: Duration, _ work: @escaping @Sendable () async throws -> T)
        async throws -> T
    {
        try await supervise(work) { outcome in
            try? await Task.sleep(for: limit)
            if !Task.isCancelled { outcome.abandon() }
        }
    }

    /// Runs `work` and `watch` side by side; the caller gets the work's result unless `watch`
    /// abandons it first. The watcher is cancelled as soon as the work ends, so a quick
    /// transaction leaves no sleeping task behind.
    private static func supervise<T: Sendable>(
        _ work: @escaping @Sendable () async throws -> T, watch: @escaping @Sendable (Outcome<T>) async -> Void
    ) async throws -> T {
        let outcome = Outcome<T>()
        return try await withCheckedThrowingContinuation { continuation in
            outcome.install(continuation)
            let watcher = Task { await watch(outcome) }
            outcome.worker = Task {
                let result: Result<T, any Error>
                do { result = .success(try await work()) } catch { result = .failure(error) }
                outcome.finish(result)
                watcher.cancel()
            }
        }
    }

    /// The first result wins; later ones are dropped.
    private final class Outcome<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var continuation: CheckedContinuation<T, any Error>?
        private var finished = false

        /// The task running the work, cancelled when it is abandoned.
        var worker: Task<Void, Never>? {
            get { lock.withLock { task } }
            set { lock.withLock { task = newValue } }
        }
        private var task: Task<Void, Never>?

        /// Answers the caller with unavailable and cancels the work; false if the work already answered.
        @discardableResult
        func abandon() -> Bool {
            guard finish(.failure(StoreError.unavailable)) else { return false }
            worker?.cancel()
            return true
        }

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
