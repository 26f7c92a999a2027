package import Logging

/// What collectors and imports write: records, perceived-value ratings and handoff tags.
///
/// Writing a record recomputes the derived data of the workflows it touches in the same
/// transaction, so readers never see records without their handoffs.
package protocol IngestRepository: Sendable {
    /// Stores valid records of one tenant and recomputes the handoffs of every workflow they touch,
    /// in one transaction. Returns only after the transaction has committed.
    func ingest(_ records: [Record], tenant: String, logger: Logger) async throws -> IngestResult

    /// Records perceived-value ratings (all or none); assistants not seen before are created unregistered.
    func addPerceptions(_ perceptions: [Perception], tenant: String, logger: Logger) async throws

    /// Tags handoffs in one statement; tags naming a handoff that does not exist are skipped.
    /// Returns how many were stored.
    @discardableResult
    func addTags(_ tags: [HandoffTagRecord], tenant: String, by tokenID: String?, logger: Logger) async throws -> Int
}
