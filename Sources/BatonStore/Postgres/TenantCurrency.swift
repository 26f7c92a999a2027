import BatonCore
import Logging
import PostgresNIO

/// The one currency of a tenant's costs (issue 22): whatever its licences and prices already use.
/// Writers of either take the tenant's cost lock first, so two admins cannot record two currencies
/// at once.
enum TenantCurrency {
    /// Takes the tenant's cost lock (until the transaction ends) and returns the currency another
    /// cost of the tenant is recorded in, other than `exceptAssistant`'s licence and, with
    /// `exceptPrices`, the price table (which the caller replaces); `nil` when there is none.
    static func lockAndRead(
        tenant: String, exceptAssistant: String?, exceptPrices: Bool, on connection: PostgresConnection,
        logger: Logger
    ) async throws -> String? {
        try await connection.query(
            "INSERT INTO tenants (tenant_id) VALUES (\(tenant)) ON CONFLICT (tenant_id) DO NOTHING", logger: logger
        ).drain()
        return try await connection.query(
            """
            SELECT c.currency
            FROM (SELECT pg_advisory_xact_lock(hashtextextended('baton.costs:' || \(tenant), 0))) AS locked,
                 LATERAL (
                     SELECT cost_currency AS currency FROM assistants
                     WHERE tenant_id = \(tenant) AND cost_currency IS NOT NULL
                       AND name IS DISTINCT FROM \(exceptAssistant)
                     UNION ALL
                     SELECT currency FROM token_prices WHERE tenant_id = \(tenant) AND NOT \(exceptPrices)
                 ) AS c
            LIMIT 1
            """, logger: logger
        ).collectValues(String.self).first
    }
}
