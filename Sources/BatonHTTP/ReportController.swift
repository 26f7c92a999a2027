import BatonCore
import BatonReports
import BatonStore
import Foundation
import Hummingbird

/// `GET /v1/report` (viewer): the value report as JSON, the same structure `baton report` renders.
struct ReportController {
    let reports: ReportService

    func addRoutes(to group: RouterGroup<BatonRequestContext>) {
        group.get("report", use: get)
    }

    @Sendable func get(_ request: Request, context: BatonRequestContext) async throws -> ValueReport {
        let identity = try context.require(.viewer)
        let query = request.uri.queryParameters
        let period = try ReportPeriod.resolve(request)
        let options = try ReportOptions.from(request)
        var report = try await reports.report(
            tenant: identity.tenantID, period: period, options: options,
            comparePrevious: try request.comparesPrevious(standard: false), logger: context.logger)
        if let assistant = query["assistant"] {
            report.assistants = report.assistants.filter { $0.name == String(assistant) }
        }
        return report
    }
}
