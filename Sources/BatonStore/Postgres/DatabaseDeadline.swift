import Foundation
import PostgresNIO

/// Bounds how long a request waits for the database.
///
/// When the database is down, PostgresNIO's pool keeps retrying to connect and fails a waiting
/// request only when its circuit breaker trips, after about a minute. OTLP exporters time out
/// after 10 s and treat that like a failure they may not retry, so operations that every request
/// makes (authentication) give up sooner with ``StoreError/unavailable``, which the HTTP layer
/// answers with 503 and `Retry-After`.
///
/// Transactions bound only their wait for a pooled connection (``lease``), never the work once
/// it has a connection: a batch that is being committed is not interrupted halfway, and a batch
/// that never got a connection has written nothing, so its client may safely retry it.
package enum DatabaseDeadline {
    static let authentication: Duration = .seconds(5)

    /// The result of `body`, or ``StoreError/unavailable`` after `limit`, even when `body` is a
    /// statement stuck in PostgresNIO that ignores cancellation (a task group would wait for it).
    static func run<T: Sendable>(
        within limit: Duration, _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await StuckWorkWatchdog.race(within: limit, body)
    }

    /// Runs `body` with a pooled connection, giving up with ``StoreError/unavailable`` if none
    /// is leased within `limit`.
    static func withConnection<T: Sendable>(
        from client: PostgresClient, leaseWithin limit: Duration,
        _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        let leased = LeaseFlag()
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await client.withConnection { connection in
                    leased.set()
                    return try await body(connection)
                }
            }
            group.addTask {
                try await Task.sleep(for: limit)
                // Leased in time: the work runs to its end, however long it takes.
                guard leased.isSet else { throw StoreError.unavailable }
                return nil
            }
            defer { group.cancelAll() }
            while let result = try await group.next() {
                if let value = result { return value }
            }
            throw StoreError.unavailable
        }
    }
}
