import Foundation

/// The replica's last measured status, shared by the monitor that writes it and the requests,
/// `/metrics` and `/readyz` that read it.
package final class ReplicaState: @unchecked Sendable {
    // A lock, not an actor: every read request asks it synchronously where to go.
    private let lock = NSLock()
    private var current = ReplicaStatus(state: .starting)
    private var caughtUp: ContinuousClock.Instant?

    package init() {}

    package var status: ReplicaStatus { lock.withLock { current } }

    /// When a check last saw the replica replay everything the primary had written.
    var lastCaughtUp: ContinuousClock.Instant? { lock.withLock { caughtUp } }

    /// Stores `status`; returns the state it replaces when that differs, so that the caller logs
    /// each change once.
    func update(_ status: ReplicaStatus, caughtUpAt: ContinuousClock.Instant?) -> ReplicaStatus.State? {
        lock.withLock {
            let previous = current.state
            current = status
            if let caughtUpAt { caughtUp = caughtUpAt }
            return previous == status.state ? nil : previous
        }
    }
}
