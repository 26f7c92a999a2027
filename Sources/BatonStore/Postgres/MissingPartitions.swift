import BatonCore
import PostgresNIO

/// A transaction found that rows it is about to write belong to months without partitions.
/// ``PostgresDatabase`` creates them in a transaction of their own and runs the first one again:
/// creating partitions inside a transaction that holds row locks could deadlock with others.
struct MissingPartitions: Error {
    /// Month starts (UTC).
    var months: Set<Timestamp>

    /// The error itself, also when PostgresNIO wrapped it in a transaction error.
    static func find(in error: any Error) -> MissingPartitions? {
        if let missing = error as? MissingPartitions { return missing }
        if let transaction = error as? PostgresTransactionError, let inner = transaction.closureError {
            return find(in: inner)
        }
        return nil
    }
}
