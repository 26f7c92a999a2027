package import BatonCore
package import Logging

/// Event-log exports on ``ReadRouting``: each page reads from the replica while it is in use,
/// else from the primary.
package struct RoutedExportRepository: ExportRepository {
    package let routing: ReadRouting

    package init(routing: ReadRouting) {
        self.routing = routing
    }

    private var exports: PostgresExportRepository { PostgresExportRepository(database: routing.reads) }

    package func eventLogTaskTypes(tenant: String, from: Timestamp?, to: Timestamp?, logger: Logger) async throws
        -> [String]
    {
        try await exports.eventLogTaskTypes(tenant: tenant, from: from, to: to, logger: logger)
    }

    package func eventLogPage(
        tenant: String, from: Timestamp?, to: Timestamp?, after: String?, limit: Int, logger: Logger
    ) async throws -> [EventLogCase] {
        try await exports.eventLogPage(tenant: tenant, from: from, to: to, after: after, limit: limit, logger: logger)
    }

    package func assistants(tenant: String, logger: Logger) async throws -> [AssistantMetadata] {
        try await exports.assistants(tenant: tenant, logger: logger)
    }
}
