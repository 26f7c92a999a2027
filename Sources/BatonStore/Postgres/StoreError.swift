import PostgresNIO
import _ConnectionPoolModule

/// Storage failures a caller can act on. Raw database errors never leave the store: they are
/// logged with their details and become one of these.
public enum StoreError: Error, Sendable, Equatable {
    /// The database cannot be reached or is shutting down; retry later.
    case unavailable
    /// Concurrent writers collided more often than the retry budget allowed; retry later.
    case contention
    case notFound
    /// The database refused a value of the request (SQLSTATE class 22, data exception, such as a
    /// NUL byte in text). Input is checked before it reaches the database (`InputText`), so this
    /// is a gap in that check: the details are logged, the client gets a 422 without them.
    case invalidValue
    /// Anything else: a bug or a broken database. Details are in the log.
    case internalError

    /// Classifies a PostgresNIO error, unwrapping transaction errors first.
    static func classify(_ error: any Error) -> StoreError {
        if let store = error as? StoreError { return store }
        if error is LockSetChanged || error is RowMoved { return .contention }
        // Cancelled: the service is shutting down past its grace period (or a watchdog gave up);
        // the client should retry elsewhere or later, and nothing of the transaction committed.
        if error is CancellationError { return .unavailable }
        // The pool gave up connecting (the database has been unreachable for a while) or is closing.
        if let pool = error as? ConnectionPoolError {
            return pool == .connectionCreationCircuitBreakerTripped || pool == .poolShutdown
                ? .unavailable : .internalError
        }
        if let transaction = error as? PostgresTransactionError {
            if let inner = transaction.closureError ?? transaction.commitError ?? transaction.beginError {
                return classify(inner)
            }
            return .internalError
        }
        guard let psql = error as? PSQLError else { return .internalError }
        if let state = psql.serverInfo?[.sqlState] {
            // 08: connection exception; 57P: operator intervention (shutdown); 53: insufficient resources.
            if state.hasPrefix("08") || state.hasPrefix("57P") || state.hasPrefix("53") {
                return .unavailable
            }
            if state == "40001" || state == "40P01" { return .contention }
            if state.hasPrefix("22") { return .invalidValue }
            return .internalError
        }
        switch psql.code {
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .poolClosed,
            .uncleanShutdown,
            .sslUnsupported, .failedToAddSSLHandler:
            return .unavailable
        default:
            return .internalError
        }
    }

    /// Whether the transaction may simply be run again.
    static func isRetryable(_ error: any Error) -> Bool {
        classify(error) == .contention
    }

    /// The server's own message, for operator-facing tools such as the migrator (never for HTTP clients).
    static func serverMessage(_ error: any Error) -> String? {
        if let transaction = error as? PostgresTransactionError,
            let inner = transaction.closureError ?? transaction.commitError ?? transaction.beginError
        {
            return serverMessage(inner)
        }
        return (error as? PSQLError)?.serverInfo?[.message]
    }
}
