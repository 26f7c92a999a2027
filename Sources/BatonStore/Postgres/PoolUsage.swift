import Foundation

/// How much of the database pool Baton's own operations use, for `GET /metrics`.
///
/// PostgresNIO 1.33 keeps its pool's state (leased, idle, waiting connections) internal, so the
/// storage counts its own operations instead: each one waits for or holds one pooled connection
/// while it runs, so `inFlight` near `maximumConnections` means the pool is the bottleneck.
package final class PoolUsage: @unchecked Sendable {
    // A lock, not an actor: the count must change synchronously around each operation.
    private let lock = NSLock()
    private var current = 0
    /// The pool's configured maximum connections.
    package let maximumConnections: Int

    package init(maximumConnections: Int) {
        self.maximumConnections = maximumConnections
    }

    /// Operations waiting for or holding a pooled connection now.
    package var inFlight: Int { lock.withLock { current } }

    func begin() {
        lock.withLock { current += 1 }
    }

    func end() {
        lock.withLock { current -= 1 }
    }
}
