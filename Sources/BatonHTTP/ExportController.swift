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
        let anonymize = try Self.flag("anonymize", request)
        // Costs are often confidential: only when asked for (issue 22); an anonymised file never has them.
        let includeCosts = try Self.flag("include_costs", request)
        var options = ReportOptions()
        if let raw = query["hourly_rate"].map(String.init) {
            guard let rate = Double(raw), AmountRange.contains(rate, maximum: AmountRange.hourlyRate) else {
                throw APIError(
                    status: .badRequest, code: "invalid_parameter",
                    message:
                        "'hourly_rate' must be \(AmountRange.requirement(maximum: AmountRange.hourlyRate)), not '\(raw.prefix(20))'"
                )
            }
            options.hourlyRate = rate
        }
        let csv = try await reports.surveyCSV(
            tenant: identity.tenantID, period: period, options: options, anonymize: anonymize,
            includeCosts: includeCosts, logger: context.logger)
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8; header=present",
                .contentDisposition: "attachment; filename=\"survey.csv\"",
            ],
            body: .init(byteBuffer: ByteBuffer(string: csv)))
    }

    /// A true/false query parameter, false when absent; 400 naming it otherwise.
    static func flag(_ name: String, _ request: Request) throws -> Bool {
        switch request.uri.queryParameters[name[...]].map(String.init) {
        case nil, "false", "0": return false
        case "true", "1": return true
        case let other?:
            throw APIError(
                status: .badRequest, code: "invalid_parameter",
                message: "'\(name)' must be true or false, not '\(other.prefix(20))'")
        }
    }
}
