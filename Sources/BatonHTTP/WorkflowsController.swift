import BatonCore
import BatonStore
import Hummingbird

/// `GET /v1/workflows/{id}` (viewer): one workflow's timeline.
struct WorkflowsController {
    let reports: any ReportSourceRepository

    func addRoutes(to group: RouterGroup<BatonRequestContext>) {
        group.get("workflows/:id", use: get)
    }

    @Sendable func get(_ request: Request, context: BatonRequestContext) async throws -> WorkflowBody {
        let identity = try context.require(.viewer)
        let id = try context.pathParameter("id")
        guard
            let timeline = try await reports.workflow(
                id: id, tenant: identity.tenantID, logger: context.logger)
        else {
            throw APIError(
                status: .notFound, code: "not_found", message: "no workflow '\(id.prefix(128))'")
        }
        return WorkflowBody(timeline)
    }
}
