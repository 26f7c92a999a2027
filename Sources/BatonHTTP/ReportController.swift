import BatonCore
import BatonStore
import Foundation
import Hummingbird

/// `GET /v1/report` (viewer): the value report as JSON, the same structure `baton report` renders.
struct ReportController {
    let reports: any ReportSourceRepository

    func addRoutes(to group: RouterGroup<BatonRequestContext>) {
        group.get("report", use: get)
    }

    @Sendable func get(_ request: Request, context: BatonRequestContext) async throws -> ValueReport {
        let identity = try context.require(.viewer)
        let query = request.uri.queryParameters
        let period = try ReportPeriod.resolve(request)
        let options = try ReportOptions.from(request)
        let clock = ContinuousClock()
        let started = clock.now
        let input = try await reports.reportInput(
            tenant: identity.tenantID, from: period.0, to: period.1, classBy: options.classBy, logger: context.logger)
        let gathered = clock.now
        var report = ValueReportBuilder(options: options).build(input)
        context.logger.info(
            "report built",
            metadata: [
                "baton.report.workflows": "\(input.workflows.count)",
                "baton.timing.input_ms": "\(EventsController.milliseconds(gathered - started))",
                "baton.timing.build_ms": "\(EventsController.milliseconds(clock.now - gathered))",
            ])
        if let assistant = query["assistant"] {
            report.assistants = report.assistants.filter { $0.name == String(assistant) }
        }
        return report
    }
}

extension ValueReport: ResponseEncodable {}
