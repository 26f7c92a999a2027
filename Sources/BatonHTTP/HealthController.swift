import BatonCore
import BatonStore
import Hummingbird

/// `GET /healthz` (the process answers) and `GET /readyz` (the database answers and is migrated).
struct HealthController {
    let maintenance: any MaintenanceRepository

    struct Status: ResponseEncodable {
        var status: String
    }

    func addRoutes(to router: Router<BatonRequestContext>) {
        router.get("healthz") { _, _ in Status(status: "ok") }
        router.get("readyz") { _, context -> Status in
            guard await maintenance.isReady(logger: context.logger) else {
                throw APIError.unavailable(
                    retryAfter: 5,
                    message: "not ready: the database is unreachable or its schema is not current")
            }
            return Status(status: "ready")
        }
    }
}
