import BatonCore
import Logging
import PostgresNIO

extension PostgresStorage {
    /// Creates a tenant if it does not exist and sets its delivery model.
    package func ensureTenant(_ tenant: String, deliveryModel: DeliveryModel?, logger: Logger) async throws {
        try await tenantTransaction("ensure tenant", tenant: tenant, logger: logger) { connection in
            try await connection.query(
                """
                INSERT INTO tenants (tenant_id, delivery_model) VALUES (\(tenant), \(deliveryModel?.rawValue))
                ON CONFLICT (tenant_id) DO UPDATE SET delivery_model = COALESCE(excluded.delivery_model, tenants.delivery_model)
                """, logger: logger
            ).drain()
        }
    }

    package func tenantSettings(tenant: String, logger: Logger) async throws -> TenantSettings {
        let rows = try await tenantTransaction("read settings", tenant: tenant, logger: logger) { connection in
            try await connection.query(
                "SELECT display_name, delivery_model FROM tenants WHERE tenant_id = \(tenant)", logger: logger
            ).collect(as: (String?, String?).self)
        }
        guard let (name, model) = rows.first else { return TenantSettings(displayName: nil, deliveryModel: nil) }
        return TenantSettings(displayName: name, deliveryModel: model.flatMap(DeliveryModel.init(rawValue:)))
    }

    package func putTenantSettings(_ settings: TenantSettings, tenant: String, logger: Logger) async throws {
        try await tenantTransaction("put settings", tenant: tenant, logger: logger) { connection in
            try await connection.query(
                """
                INSERT INTO tenants (tenant_id, display_name, delivery_model)
                VALUES (\(tenant), \(settings.displayName), \(settings.deliveryModel?.rawValue))
                ON CONFLICT (tenant_id) DO UPDATE
                SET display_name = excluded.display_name, delivery_model = excluded.delivery_model
                """, logger: logger
            ).drain()
        }
    }

    /// The tenant a report is about when none is named: the only tenant with workflows, else `default`.
    package func defaultTenant(logger: Logger) async throws -> String {
        let tenants = try await run("tenants with data", logger: logger) {
            try await client.query(
                "SELECT DISTINCT tenant_id FROM workflows ORDER BY tenant_id LIMIT 2", logger: logger
            ).collectValues(String.self)
        }
        return tenants.count == 1 ? tenants[0] : "default"
    }

    /// Refreshes the planner's statistics after a bulk load, so the first report does not run on
    /// plans made for empty tables (autovacuum would get there, minutes later).
    package func analyzeAfterBulkLoad(logger: Logger) async throws {
        try await run("analyze", logger: logger) {
            try await client.query("ANALYZE workflows, tasks, handoffs, handoff_tags", logger: logger)
        }
    }

    /// How many workflows a tenant has.
    package func workflowCount(tenant: String, logger: Logger) async throws -> Int {
        try await tenantTransaction("count workflows", tenant: tenant, logger: logger) { connection in
            try await connection.query(
                "SELECT count(*)::int8 FROM workflows WHERE tenant_id = \(tenant)", logger: logger
            ).collectValues(Int64.self).first.map(Int.init) ?? 0
        }
    }

    /// Deletes a tenant's recorded and derived data (workflows, tasks, handoffs, tags, perceptions,
    /// assistants, rollups),
    /// keeping the tenant and its tokens. For `baton demo --reset`.
    package func deleteTenantData(tenant: String, logger: Logger) async throws {
        try await tenantTransaction("delete tenant data", tenant: tenant, logger: logger) { connection in
            for statement: PostgresQuery in [
                "DELETE FROM perceptions WHERE tenant_id = \(tenant)",
                "DELETE FROM handoff_tags WHERE tenant_id = \(tenant)",
                "DELETE FROM handoffs WHERE tenant_id = \(tenant)",
                "DELETE FROM tasks WHERE tenant_id = \(tenant)",
                "DELETE FROM task_keys WHERE tenant_id = \(tenant)",
                "DELETE FROM workflows WHERE tenant_id = \(tenant)",
                "DELETE FROM assistants WHERE tenant_id = \(tenant)",
                "DELETE FROM task_rollups WHERE tenant_id = \(tenant)",
                "DELETE FROM workflow_rollups WHERE tenant_id = \(tenant)",
                "DELETE FROM rollup_dirty WHERE tenant_id = \(tenant)",
            ] {
                try await connection.query(statement, logger: logger).drain()
            }
        }
    }
}
