import BatonCore
import BatonStore
import Hummingbird

/// `GET /healthz` (the process answers) and `GET /readyz` (the database answers and is migrated;
/// with a read replica, where reads go and its lag, which never make the service unready: reads
/// then go to the primary).
struct HealthController {
    let maintenance: any MaintenanceRepository
    /// The read replica's state, when there is one (`--read-database-url`).
    var replica: ReplicaState? = nil

    struct Status: ResponseEncodable {
        var status: String
        var replica: Replica?
    }

    /// The read replica as the last check saw it.
    struct Replica: Encodable {
        /// `in_use`, or why reads go to the primary: `starting`, `down`, `lagging`, `not_standby`.
        var state: String
        /// Seconds of the primary's writes not yet replayed (an upper bound); absent when unknown.
        var lagSeconds: Double?
    }

    func addRoutes(to router: Router<BatonRequestContext>) {
        router.get("healthz") { _, _ in Status(status: "ok") }
        router.get("readyz") { _, context -> Status in
            guard await maintenance.isReady(logger: context.logger) else {
                throw APIError.unavailable(
                    retryAfter: 5,
                    message: "not ready: the database is unreachable or its schema is not current")
            }
            let replica = self.replica.map { state in
                let status = state.status
                return Replica(state: status.state.rawValue, lagSeconds: status.lagSeconds)
            }
            return Status(status: "ready", replica: replica)
        }
    }
}
