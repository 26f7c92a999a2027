package import BatonCore
package import Logging
import PostgresNIO

/// Token prices on PostgreSQL (`token_prices`, migration 0014).
package struct PostgresCostRepository: CostRepository {
    package let database: PostgresDatabase

    package init(database: PostgresDatabase) {
        self.database = database
    }

    package func putPrices(_ prices: [TokenPrice], currency: String, tenant: String, logger: Logger) async throws {
        let refusal = try await database.tenantTransaction("put prices", tenant: tenant, logger: logger) {
            connection -> CostError? in
            if let existing = try await TenantCurrency.lockAndRead(
                tenant: tenant, exceptAssistant: nil, exceptPrices: true, on: connection, logger: logger),
                existing != currency
            {
                return .currencyMismatch(field: "currency", given: currency, tenant: existing)
            }
            try await connection.query("DELETE FROM token_prices WHERE tenant_id = \(tenant)", logger: logger).drain()
            try await connection.query(
                """
                INSERT INTO token_prices (tenant_id, provider, model, effective_from, currency, input_per_million,
                                          output_per_million)
                SELECT \(tenant), p.provider, p.model, DATE '1970-01-01' + p.day, \(currency), p.input::numeric,
                       p.output::numeric
                FROM unnest(\(prices.map(\.provider))::text[], \(prices.map(\.model))::text[],
                            \(prices.map { Int32($0.effectiveFrom.utcDayNumber) })::int4[],
                            \(prices.map(\.inputPerMillion))::float8[], \(prices.map(\.outputPerMillion))::float8[])
                     AS p (provider, model, day, input, output)
                """, logger: logger
            ).drain()
            return nil
        }
        if let refusal { throw refusal }
    }

    package func prices(tenant: String, logger: Logger) async throws -> PriceTable {
        try await database.tenantTransaction("read prices", tenant: tenant, logger: logger) { connection in
            try await Self.prices(tenant: tenant, on: connection, logger: logger)
        }
    }

    /// The price table as one connection sees it (the report reads it in its snapshot).
    static func prices(tenant: String, on connection: PostgresConnection, logger: Logger) async throws -> PriceTable {
        let rows = try await connection.query(
            """
            SELECT provider, model, (effective_from - DATE '1970-01-01')::int4, input_per_million::float8,
                   output_per_million::float8, currency
            FROM token_prices WHERE tenant_id = \(tenant)
            """, logger: logger
        ).collect(as: (String, String, Int32, Double, Double, String).self)
        return PriceTable(
            rows.map {
                TokenPrice(
                    provider: $0.0, model: $0.1, effectiveFrom: Timestamp(utcDayNumber: Int($0.2)),
                    inputPerMillion: $0.3,
                    outputPerMillion: $0.4, currency: $0.5)
            })
    }
}
