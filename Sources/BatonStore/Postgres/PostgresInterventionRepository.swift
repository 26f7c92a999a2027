package import BatonCore
package import Logging
import PostgresNIO

/// Recorded interventions on PostgreSQL (migration 0015), numbered per tenant.
package struct PostgresInterventionRepository: InterventionRepository {
    package let database: PostgresDatabase

    package init(database: PostgresDatabase) {
        self.database = database
    }

    /// The columns every read selects, in ``decode(_:)``'s order.
    static let columns = """
        intervention_id, (extract(epoch FROM effective_at) * 1000000)::int8, target_kind, target, description,
        (extract(epoch FROM created_at) * 1000000)::int8
        """

    static func decode(_ row: (Int32, Int64, String, String, String, Int64)) throws -> Intervention {
        guard let kind = InterventionTarget.Kind(rawValue: row.2) else { throw StoreError.internalError }
        let target: InterventionTarget
        do {
            target = try InterventionTarget(kind: kind, row.3)
        } catch {
            throw StoreError.internalError
        }
        return Intervention(
            id: Int(row.0), date: Timestamp(microseconds: row.1), target: target, description: row.4,
            createdAt: Timestamp(microseconds: row.5))
    }

    package func addIntervention(_ input: InterventionInput, tenant: String, by: String?, logger: Logger)
        async throws -> Intervention
    {
        let row = try await database.tenantTransaction("add intervention", tenant: tenant, logger: logger) {
            connection in
            try await connection.query(
                "INSERT INTO tenants (tenant_id) VALUES (\(tenant)) ON CONFLICT (tenant_id) DO NOTHING", logger: logger
            ).drain()
            // One number after another within the tenant: concurrent recorders wait here.
            try await connection.query(
                "SELECT pg_advisory_xact_lock(hashtextextended('baton.interventions:' || \(tenant), 0))",
                logger: logger
            ).drain()
            return try await connection.query(
                """
                INSERT INTO interventions (tenant_id, intervention_id, effective_at, target_kind, target, description,
                                           created_by)
                SELECT \(tenant), COALESCE(max(intervention_id), 0) + 1, \(input.date.postgresText)::timestamptz,
                       \(input.target.kind.rawValue), \(input.target.value), \(input.description), \(by)
                FROM interventions WHERE tenant_id = \(tenant)
                RETURNING \(unescaped: Self.columns)
                """, logger: logger
            ).collect(as: (Int32, Int64, String, String, String, Int64).self).first
        }
        guard let row else { throw StoreError.internalError }
        return try Self.decode(row)
    }

    package func interventions(tenant: String, logger: Logger) async throws -> [Intervention] {
        let rows = try await database.tenantTransaction("list interventions", tenant: tenant, logger: logger) {
            connection in
            try await Self.interventions(tenant: tenant, before: nil, on: connection, logger: logger)
        }
        return rows
    }

    /// The tenant's interventions dated before `before` (all without it), oldest first: the list, and
    /// the report's read inside its snapshot.
    static func interventions(tenant: String, before: String?, on connection: PostgresConnection, logger: Logger)
        async throws -> [Intervention]
    {
        try await connection.query(
            """
            SELECT \(unescaped: columns) FROM report_source.interventions
            WHERE tenant_id = \(tenant) AND (\(before)::timestamptz IS NULL OR effective_at < \(before)::timestamptz)
            ORDER BY effective_at, intervention_id
            """, logger: logger
        ).collect(as: (Int32, Int64, String, String, String, Int64).self).map(decode)
    }
}
