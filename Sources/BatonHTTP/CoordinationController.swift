import BatonCore
import BatonStore
import Foundation
import Hummingbird

/// `GET /v1/coordination` (viewer): the coordination matrix of value-model §8 for a period
/// (`from`, `to`, as `GET /v1/report`), without computing the rest of the report. The object is
/// the report's `coordination`, with the tenant and period it covers.
struct CoordinationController {
    let reports: any ReportSourceRepository

    struct Body: ResponseEncodable {
        var tenant: String
        var period: ValueReport.Period
        var coordination: CoordinationMatrix
    }

    func addRoutes(to group: RouterGroup<BatonRequestContext>) {
        group.get("coordination", use: get)
    }

    @Sendable func get(_ request: Request, context: BatonRequestContext) async throws -> Body {
        let identity = try context.require(.viewer)
        let period = try ReportPeriod.resolve(request)
        let input = try await reports.coordinationInput(
            tenant: identity.tenantID, from: period.0, to: period.1, logger: context.logger)
        return Body(
            tenant: identity.tenantID, period: .init(from: period.0.rfc3339, to: period.1.rfc3339),
            coordination: CoordinationMatrix(input))
    }
}
