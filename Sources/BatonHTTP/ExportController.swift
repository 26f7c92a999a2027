import BatonCore
import BatonReports
import BatonStore
import Foundation
import Hummingbird

/// `GET /v1/export/survey.csv` (viewer): the survey CSV of the caller's tenant (`Docs/export.md`).
struct ExportController {
    let reports: ReportService

    func addRoutes(to group: RouterGroup<BatonRequestContext>) {
        group.get("export/survey.csv", use: survey)
    }

    @Sendable func survey(_ request: Request, context: BatonRequestContext) async throws -> Response {
        let identity = try context.require(.viewer)
        let query = request.uri.queryParameters
        let period = try ReportPeriod.resolve(request)
        let anonymize: Bool
        switch query["anonymize"].map(String.init) {
        case nil, "false", "0": anonymize = false
        case "true", "1": anonymize = true
        case let other?:
            throw APIError(
                status: .badRequest, code: "invalid_parameter",
                message: "'anonymize' must be true or false, not '\(other.prefix(20))'")
        }
        let csv = try await reports.surveyCSV(
            tenant: identity.tenantID, period: period, anonymize: anonymize, logger: context.logger)
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8; header=present",
                .contentDisposition: "attachment; filename=\"survey.csv\"",
            ],
            body: .init(byteBuffer: ByteBuffer(string: csv)))
    }
}
