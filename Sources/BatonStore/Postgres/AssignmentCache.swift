import BatonCore
import Foundation

/// What an assignment needs that rarely changes, kept in memory: an assignment is in the calling
/// tool's critical path (``PostgresExperimentRepository/assign(_:tenant:logger:)``).
///
/// - Each tenant's ``ArmAssigner``, keyed by its assignment secret, read once: the secret never
///   changes (migration 0013). Never logged: whoever holds it can predict which cases are held out.
/// - The running experiment of each assistant seen: its name and share cannot change while it
///   runs, so only whether it still runs must be checked, and the statement that records the
///   assignments checks that. One that stopped or ended is dropped and looked up again.
package final class AssignmentCache: @unchecked Sendable {
    struct Running: Sendable, Hashable {
        var name: String
        var share: Double
    }

    // A lock, not an actor: a lookup is a dictionary read.
    private let lock = NSLock()
    private var assigners: [String: ArmAssigner] = [:]
    private var running: [String: [String: Running]] = [:]

    package init() {}

    func assigner(tenant: String) -> ArmAssigner? {
        lock.withLock { assigners[tenant] }
    }

    func remember(_ secret: [UInt8], tenant: String) -> ArmAssigner {
        let assigner = ArmAssigner(secret: secret)
        lock.withLock { assigners[tenant] = assigner }
        return assigner
    }

    /// The cached running experiments of `assistants`, when every one of them has one.
    func running(tenant: String, assistants: [String]) -> [String: Running]? {
        lock.withLock {
            guard let known = running[tenant] else { return nil }
            var found: [String: Running] = [:]
            for assistant in assistants {
                guard let experiment = known[assistant] else { return nil }
                found[assistant] = experiment
            }
            return found
        }
    }

    /// What a lookup found for `assistants`: their running experiments (absent: none).
    func remember(running found: [String: Running], assistants: [String], tenant: String) {
        lock.withLock {
            for assistant in assistants { running[tenant, default: [:]][assistant] = found[assistant] }
        }
    }

    /// Forgets the tenant's experiments (one was started or stopped here).
    func forgetRunning(tenant: String) {
        _ = lock.withLock { running.removeValue(forKey: tenant) }
    }
}
