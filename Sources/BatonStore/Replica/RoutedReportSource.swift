package import BatonCore
package import Logging

/// The report source on ``ReadRouting``: the report, the coordination matrix, the survey and the
/// workflow pages read from the replica while it is in use, else from the primary. The survey's
/// context stays on the primary: it creates the tenant's row (and its salt) when missing, and
/// reads it back at once.
package struct RoutedReportSource: ReportSourceRepository {
    package let routing: ReadRouting
    /// The database of every read, once ``pinned()``; `nil` to choose at each read.
    private var pinnedReads: PostgresDatabase?

    package init(routing: ReadRouting) {
        self.routing = routing
    }

    /// Runs `read` on the source of the pinned database, else of the one in use now.
    private func read<T>(_ read: (PostgresReportSource) async throws -> T) async throws -> T {
        try await routing.read(on: pinnedReads) { try await read(PostgresReportSource(database: $0)) }
    }

    /// The source with its reads on the database in use now, for every read of one report: its
    /// fingerprint and its input then come from the same server.
    package func pinned() -> any ReportSourceRepository {
        var pinned = self
        pinned.pinnedReads = routing.reads
        return pinned
    }

    package func reportInput(
        tenant: String, from: Timestamp, to: Timestamp, classBy: HandoffClassing, logger: Logger
    ) async throws -> ReportInput {
        try await read {
            try await $0.reportInput(tenant: tenant, from: from, to: to, classBy: classBy, logger: logger)
        }
    }

    package func coordinationInput(tenant: String, from: Timestamp, to: Timestamp, logger: Logger) async throws
        -> CoordinationInput
    {
        try await read { try await $0.coordinationInput(tenant: tenant, from: from, to: to, logger: logger) }
    }

    package func reportPreview(
        tenant: String, from: Timestamp, to: Timestamp, classBy: HandoffClassing, logger: Logger
    ) async throws -> ReportPreview? {
        try await read {
            try await $0.reportPreview(tenant: tenant, from: from, to: to, classBy: classBy, logger: logger)
        }
    }

    package func dataVersion(tenant: String, logger: Logger) async throws -> String {
        try await read { try await $0.dataVersion(tenant: tenant, logger: logger) }
    }

    package func dataSpan(tenant: String, logger: Logger) async throws -> (Timestamp, Timestamp)? {
        try await read { try await $0.dataSpan(tenant: tenant, logger: logger) }
    }

    package func workflow(id: String, tenant: String, logger: Logger) async throws -> WorkflowTimeline? {
        try await read { try await $0.workflow(id: id, tenant: tenant, logger: logger) }
    }

    package func surveyContext(tenant: String, from: Timestamp, to: Timestamp, logger: Logger) async throws
        -> SurveyContext
    {
        try await PostgresReportSource(database: routing.primary).surveyContext(
            tenant: tenant, from: from, to: to, logger: logger)
    }
}
