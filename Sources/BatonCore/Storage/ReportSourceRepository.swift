package import Logging

/// What the value report, the coordination matrix, the survey and the workflow pages read.
///
/// One concern because these reads share the report's period rules and its cache key
/// (``dataVersion(tenant:logger:)``).
package protocol ReportSourceRepository: Sendable {
    /// The value report's input for workflows of one tenant opened in [from, to).
    func reportInput(
        tenant: String, from: Timestamp, to: Timestamp, classBy: HandoffClassing, logger: Logger
    ) async throws -> ReportInput

    /// The coordination aggregates (value-model §8) of the workflows opened in [from, to).
    func coordinationInput(tenant: String, from: Timestamp, to: Timestamp, logger: Logger) async throws
        -> CoordinationInput

    /// The figures of the report on workflows opened in [from, to) that come from the daily
    /// rollups, or `nil` when the period is not whole UTC days or its rollups are not fresh.
    func reportPreview(
        tenant: String, from: Timestamp, to: Timestamp, classBy: HandoffClassing, logger: Logger
    ) async throws -> ReportPreview?

    /// A fingerprint that changes whenever anything a tenant's report reads changes.
    func dataVersion(tenant: String, logger: Logger) async throws -> String

    /// The first and last opening of the tenant's workflows, or `nil` when it has none.
    func dataSpan(tenant: String, logger: Logger) async throws -> (Timestamp, Timestamp)?

    /// One workflow with its tasks and handoffs in time order, or `nil` if the tenant has none by that id.
    func workflow(id: String, tenant: String, logger: Logger) async throws -> WorkflowTimeline?

    /// Tenant settings and SOC-level figures the survey CSV adds to the value report.
    func surveyContext(tenant: String, from: Timestamp, to: Timestamp, logger: Logger) async throws -> SurveyContext

    /// This source with every read on one database, for the reads of one report: a source that
    /// routes reads between a replica and the primary must not take a report's fingerprint from
    /// one and its input from the other, or a cache could keep older figures under a newer
    /// fingerprint.
    func pinned() -> any ReportSourceRepository
}

extension ReportSourceRepository {
    /// A source on one database is pinned already.
    package func pinned() -> any ReportSourceRepository { self }

    /// The value report's input with handoffs classed by tool pair (the default).
    package func reportInput(tenant: String, from: Timestamp, to: Timestamp, logger: Logger) async throws
        -> ReportInput
    {
        try await reportInput(tenant: tenant, from: from, to: to, classBy: .tool, logger: logger)
    }
}
