package import Logging

/// A tenant's token prices (issue 22). Licences are part of an assistant's metadata
/// (``TenantRepository/putAssistant(_:tenant:logger:)``). Both keep the tenant's one currency:
/// an amount in another is refused with ``CostError/currencyMismatch(field:given:tenant:)``.
package protocol CostRepository: Sendable {
    /// Replaces the tenant's price table with `prices` (all in `currency`).
    func putPrices(_ prices: [TokenPrice], currency: String, tenant: String, logger: Logger) async throws

    /// The tenant's price table, by provider, model and day.
    func prices(tenant: String, logger: Logger) async throws -> PriceTable
}
