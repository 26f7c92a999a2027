import BatonCore
import Foundation

/// The month partitions this process has seen created (or created itself), so that ingest asks
/// PostgreSQL to create a month's partitions ahead of its transaction only the first time.
///
/// Creating a partition locks the parent tables and the tables they reference; done inside an
/// ingest transaction that already holds row locks, two batches creating months at once could
/// deadlock (as the first benchmark run after migration 0010 did). Ahead of the transaction, the
/// creator holds nothing else. A month dropped by retention since is created again by the
/// ingest transaction's own check, which finds it missing.
package final class PartitionMonths: @unchecked Sendable {
    // A lock, not an actor: checked synchronously on every batch.
    private let lock = NSLock()
    private var known: Set<Timestamp> = []

    package init() {}

    /// Of `months` (month starts), those not known to exist.
    func unknown(_ months: Set<Timestamp>) -> Set<Timestamp> {
        lock.withLock { months.subtracting(known) }
    }

    func remember(_ months: Set<Timestamp>) {
        lock.withLock { known.formUnion(months) }
    }
}
