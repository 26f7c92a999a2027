import Logging

extension ReportSourceRepository {
    /// The survey CSV of one tenant and period (`GET /v1/export/survey.csv`,
    /// `baton export survey`): the value report built exactly as `GET /v1/report` builds it, then
    /// written by ``SurveyExport``, so the file and the report show the same numbers.
    package func surveyCSV(
        tenant: String, from: Timestamp, to: Timestamp, options: ReportOptions = ReportOptions(), anonymize: Bool,
        logger: Logger
    ) async throws -> String {
        let input = try await reportInput(tenant: tenant, from: from, to: to, classBy: options.classBy, logger: logger)
        let report = ValueReportBuilder(options: options).build(input)
        let context = try await surveyContext(tenant: tenant, from: from, to: to, logger: logger)
        return SurveyExport(report: report, context: context, anonymize: anonymize).csv()
    }
}
