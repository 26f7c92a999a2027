package import Logging

/// Event-log exports (XES, OCEL, CSV), read a page of workflows at a time so memory stays flat
/// whatever the size of the archive.
package protocol ExportRepository: Sendable {
    /// The task types of the workflows an event-log export covers.
    func eventLogTaskTypes(tenant: String, from: Timestamp?, to: Timestamp?, logger: Logger) async throws -> [String]

    /// One page of an event-log export: up to `limit` workflows with ids after `after`, with their tasks.
    func eventLogPage(
        tenant: String, from: Timestamp?, to: Timestamp?, after: String?, limit: Int, logger: Logger
    ) async throws -> [EventLogCase]

    /// The tenant's assistants, which OCEL exports as objects.
    func assistants(tenant: String, logger: Logger) async throws -> [AssistantMetadata]
}
