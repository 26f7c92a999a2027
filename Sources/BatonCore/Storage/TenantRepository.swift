package import Logging

/// Tenants, their settings and their registered assistants.
///
/// Every call that touches tenant data takes the tenant explicitly; implementations scope every
/// statement to it.
package protocol TenantRepository: Sendable {
    /// Creates a tenant if it does not exist and sets its delivery model.
    func ensureTenant(_ tenant: String, deliveryModel: DeliveryModel?, logger: Logger) async throws

    /// The tenant's own settings (display name, delivery model).
    func tenantSettings(tenant: String, logger: Logger) async throws -> TenantSettings

    /// Replaces the tenant's settings, creating the tenant if needed.
    func putTenantSettings(_ settings: TenantSettings, tenant: String, logger: Logger) async throws

    /// The tenant a report is about when none is named: the only tenant with workflows, else `default`.
    func defaultTenant(logger: Logger) async throws -> String

    /// How many workflows a tenant has.
    func workflowCount(tenant: String, logger: Logger) async throws -> Int

    /// Deletes a tenant's recorded and derived data, keeping the tenant and its tokens
    /// (`baton demo --reset`).
    func deleteTenantData(tenant: String, logger: Logger) async throws

    /// Creates or replaces an assistant's metadata; returns `true` when the assistant was new.
    func putAssistant(_ assistant: AssistantMetadata, tenant: String, logger: Logger) async throws -> Bool

    /// The tenant's assistants, registered or only seen in its data, by name.
    func assistants(tenant: String, logger: Logger) async throws -> [AssistantMetadata]
}
