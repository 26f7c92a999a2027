package import BatonCore
package import Logging

/// The handoff tagging queue on ``ReadRouting``: its pages read from the replica while it is in
/// use; a tag is written to the primary.
package struct RoutedHandoffRepository: HandoffRepository {
    package let routing: ReadRouting

    package init(routing: ReadRouting) {
        self.routing = routing
    }

    package func handoffs(matching filter: HandoffFilter, tenant: String, logger: Logger) async throws
        -> HandoffPage
    {
        try await routing.read {
            try await PostgresHandoffRepository(database: $0).handoffs(matching: filter, tenant: tenant, logger: logger)
        }
    }

    package func tagHandoff(
        id: String, reason: HandoffReason, note: String?, tenant: String, by tagger: String?, logger: Logger
    ) async throws -> QueuedHandoff.CurrentTag? {
        try await PostgresHandoffRepository(database: routing.primary).tagHandoff(
            id: id, reason: reason, note: note, tenant: tenant, by: tagger, logger: logger)
    }
}
