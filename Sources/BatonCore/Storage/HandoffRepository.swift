package import Logging

/// The handoff tagging queue: analysts page through handoffs and say why each one waited.
package protocol HandoffRepository: Sendable {
    /// One page of the handoff tagging queue, largest wait first.
    func handoffs(matching filter: HandoffFilter, tenant: String, logger: Logger) async throws -> HandoffPage

    /// Tags the handoff into task `id` (earlier tags stay as history); `nil` if there is no such handoff.
    func tagHandoff(
        id: String, reason: HandoffReason, note: String?, tenant: String, by tagger: String?, logger: Logger
    ) async throws -> QueuedHandoff.CurrentTag?
}
