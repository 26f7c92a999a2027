/// Bounds how long a request waits for the database.
///
/// When the database is down, PostgresNIO's pool keeps retrying to connect and fails a waiting
/// request only when its circuit breaker trips, after about a minute. OTLP exporters time out
/// after 10 s and treat that like a failure they may not retry, so operations that every request
/// makes (authentication) give up sooner with ``StoreError/unavailable``, which the HTTP layer
/// answers with 503 and `Retry-After`.
enum DatabaseDeadline {
    static let authentication: Duration = .seconds(5)

    static func run<T: Sendable>(
        within limit: Duration, _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: limit)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else { throw StoreError.unavailable }
            return value
        }
    }
}
