package import BatonCore
package import Logging

/// Event-log exports on ``ReadRouting``: each page reads from the replica while it is in use,
/// else from the primary.
package struct RoutedExportRepository: ExportRepository {
    package let routing: ReadRouting

    package init(routing: ReadRouting) {
        self.routing = routing
    }

    private func read<T>(_ read: (PostgresExportRepository) async throws -> T) async throws -> T {
        try await routing.read { try await read(PostgresExportRepository(database: $0)) }
    }

    package func eventLogTaskTypes(tenant: String, from: Timestamp?, to: Timestamp?, logger: Logger) async throws
        -> [String]
    {
        try await read { try await $0.eventLogTaskTypes(tenant: tenant, from: from, to: to, logger: logger) }
    }

    package func eventLogPage(
        tenant: String, from: Timestamp?, to: Timestamp?, after: String?, limit: Int, logger: Logger
    ) async throws -> [EventLogCase] {
        try await read {
            try await $0.eventLogPage(tenant: tenant, from: from, to: to, after: after, limit: limit, logger: logger)
        }
    }

    package func assistants(tenant: String, logger: Logger) async throws -> [AssistantMetadata] {
        try await read { try await $0.assistants(tenant: tenant, logger: logger) }
    }
}
