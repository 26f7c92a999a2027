import BatonCore
import Logging

/// Everything the HTTP service and the command line need from storage.
///
/// Every call that touches tenant data takes the tenant explicitly; implementations scope every
/// statement to it.
package protocol BatonStorage: Sendable {
    /// The identity behind an API token, or `nil` when the token is unknown, revoked or expired.
    func authenticate(token: String, logger: Logger) async throws -> Identity?

    /// Stores valid records of one tenant and recomputes the handoffs of every workflow they touch,
    /// in one transaction. Returns only after the transaction has committed.
    func ingest(_ records: [Record], tenant: String, logger: Logger) async throws -> IngestResult

    /// Creates or replaces an assistant's metadata; returns `true` when the assistant was new.
    func putAssistant(_ assistant: AssistantMetadata, tenant: String, logger: Logger) async throws
        -> Bool

    func assistants(tenant: String, logger: Logger) async throws -> [AssistantMetadata]

    /// One workflow with its tasks and handoffs in time order, or `nil` if the tenant has none by that id.
    func workflow(id: String, tenant: String, logger: Logger) async throws -> WorkflowTimeline?

    /// Creates a token for a tenant (creating the tenant if needed) and returns it; only its hash is kept.
    func createToken(tenant: String, role: Role, label: String?, logger: Logger) async throws
        -> IssuedToken

    /// How many usable tokens exist, over all tenants.
    func activeTokenCount(logger: Logger) async throws -> Int

    /// Creates a tenant if it does not exist and sets its delivery model.
    func ensureTenant(_ tenant: String, deliveryModel: DeliveryModel?, logger: Logger) async throws

    /// The tenant's own settings (display name, delivery model).
    func tenantSettings(tenant: String, logger: Logger) async throws -> TenantSettings

    /// Replaces the tenant's settings, creating the tenant if needed.
    func putTenantSettings(_ settings: TenantSettings, tenant: String, logger: Logger) async throws

    /// The value report's input for workflows of one tenant opened in [from, to).
    func reportInput(
        tenant: String, from: Timestamp, to: Timestamp, classBy: HandoffClassing, logger: Logger
    ) async throws -> ReportInput

    /// The coordination aggregates (value-model §8) of the workflows opened in [from, to).
    func coordinationInput(tenant: String, from: Timestamp, to: Timestamp, logger: Logger) async throws
        -> CoordinationInput

    /// One page of the handoff tagging queue, largest wait first.
    func handoffs(matching filter: HandoffFilter, tenant: String, logger: Logger) async throws -> HandoffPage

    /// Tags the handoff into task `id` (earlier tags stay as history); `nil` if there is no such handoff.
    func tagHandoff(
        id: String, reason: HandoffReason, note: String?, tenant: String, by tagger: String?, logger: Logger
    ) async throws -> QueuedHandoff.CurrentTag?

    /// A fingerprint that changes whenever anything a tenant's report reads changes.
    func dataVersion(tenant: String, logger: Logger) async throws -> String

    /// The first and last opening of the tenant's workflows, or `nil` when it has none.
    func dataSpan(tenant: String, logger: Logger) async throws -> (Timestamp, Timestamp)?
    /// Records perceived-value ratings (all or none); assistants not seen before are created unregistered.
    func addPerceptions(_ perceptions: [Perception], tenant: String, logger: Logger) async throws

    /// Tenant settings and SOC-level figures the survey CSV adds to the value report.
    func surveyContext(tenant: String, from: Timestamp, to: Timestamp, logger: Logger) async throws -> SurveyContext

    /// The task types of the workflows an event-log export covers.
    func eventLogTaskTypes(tenant: String, from: Timestamp?, to: Timestamp?, logger: Logger) async throws -> [String]

    /// One page of an event-log export: up to `limit` workflows with ids after `after`, with their tasks.
    func eventLogPage(
        tenant: String, from: Timestamp?, to: Timestamp?, after: String?, limit: Int, logger: Logger
    ) async throws -> [EventLogCase]

    /// Whether the database answers and its schema is current.
    func isReady(logger: Logger) async -> Bool
}
