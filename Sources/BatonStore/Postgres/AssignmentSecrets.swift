import BatonCore
import Foundation

/// Each tenant's ``ArmAssigner``, keyed by its assignment secret, kept in memory once read: an
/// assignment is in the calling tool's critical path, and the secret never changes (migration
/// 0013). Never logged: the secret lets whoever holds it predict which cases are held out.
package final class AssignmentSecrets: @unchecked Sendable {
    // A lock, not an actor: a lookup is a dictionary read.
    private let lock = NSLock()
    private var assigners: [String: ArmAssigner] = [:]

    package init() {}

    func assigner(tenant: String) -> ArmAssigner? {
        lock.withLock { assigners[tenant] }
    }

    func remember(_ secret: [UInt8], tenant: String) -> ArmAssigner {
        let assigner = ArmAssigner(secret: secret)
        lock.withLock { assigners[tenant] = assigner }
        return assigner
    }
}
