package import BatonCore
package import Logging
import PostgresNIO

/// Tenants, their settings and assistants on PostgreSQL.
package struct PostgresTenantRepository: TenantRepository {
    package let database: PostgresDatabase

    package init(database: PostgresDatabase) {
        self.database = database
    }

    /// Creates a tenant if it does not exist and sets its delivery model.
    package func ensureTenant(_ tenant: String, deliveryModel: DeliveryModel?, logger: Logger) async throws {
        try await database.tenantTransaction("ensure tenant", tenant: tenant, logger: logger) { connection in
            try await connection.query(
                """
                INSERT INTO tenants (tenant_id, delivery_model) VALUES (\(tenant), \(deliveryModel?.rawValue))
                ON CONFLICT (tenant_id) DO UPDATE SET delivery_model = COALESCE(excluded.delivery_model, tenants.delivery_model)
                """, logger: logger
            ).drain()
        }
    }

    package func tenantSettings(tenant: String, logger: Logger) async throws -> TenantSettings {
        let rows = try await database.tenantTransaction("read settings", tenant: tenant, logger: logger) { connection in
            try await connection.query(
                "SELECT display_name, delivery_model, hourly_rate::float8 FROM tenants WHERE tenant_id = \(tenant)",
                logger: logger
            ).collect(as: (String?, String?, Double?).self)
        }
        guard let (name, model, rate) = rows.first else { return TenantSettings(displayName: nil, deliveryModel: nil) }
        return TenantSettings(
            displayName: name, deliveryModel: model.flatMap(DeliveryModel.init(rawValue:)), hourlyRate: rate)
    }

    package func putTenantSettings(_ settings: TenantSettings, tenant: String, logger: Logger) async throws {
        try await database.tenantTransaction("put settings", tenant: tenant, logger: logger) { connection in
            try await connection.query(
                """
                INSERT INTO tenants (tenant_id, display_name, delivery_model, hourly_rate)
                VALUES (\(tenant), \(settings.displayName), \(settings.deliveryModel?.rawValue),
                        \(settings.hourlyRate)::float8::numeric)
                ON CONFLICT (tenant_id) DO UPDATE
                SET display_name = excluded.display_name, delivery_model = excluded.delivery_model,
                    hourly_rate = excluded.hourly_rate
                """, logger: logger
            ).drain()
        }
    }

    /// The tenant a report is about when none is named: the only tenant with workflows, else `default`.
    package func defaultTenant(logger: Logger) async throws -> String {
        let tenants = try await database.run("tenants with data", logger: logger) {
            try await database.client.query(
                "SELECT DISTINCT tenant_id FROM workflows ORDER BY tenant_id LIMIT 2", logger: logger
            ).collectValues(String.self)
        }
        return tenants.count == 1 ? tenants[0] : "default"
    }

    /// The tenant a command acts on: the one given with `--tenant`, else the only tenant with data
    /// (else `default`).
    package func tenant(_ explicit: String?, logger: Logger) async throws -> String {
        if let explicit { return explicit }
        return try await defaultTenant(logger: logger)
    }

    /// How many workflows a tenant has.
    package func workflowCount(tenant: String, logger: Logger) async throws -> Int {
        try await database.tenantTransaction("count workflows", tenant: tenant, logger: logger) { connection in
            try await connection.query(
                "SELECT count(*)::int8 FROM workflows WHERE tenant_id = \(tenant)", logger: logger
            ).collectValues(Int64.self).first.map(Int.init) ?? 0
        }
    }

    /// Deletes a tenant's recorded and derived data (workflows, tasks, handoffs, tags, perceptions,
    /// assistants, rollups, experiments and their assignments),
    /// keeping the tenant and its tokens. For `baton demo --reset`.
    package func deleteTenantData(tenant: String, logger: Logger) async throws {
        try await database.tenantTransaction("delete tenant data", tenant: tenant, logger: logger) { connection in
            for statement: PostgresQuery in [
                "DELETE FROM experiment_assignments WHERE tenant_id = \(tenant)",
                "DELETE FROM experiments WHERE tenant_id = \(tenant)",
                "DELETE FROM perceptions WHERE tenant_id = \(tenant)",
                "DELETE FROM handoff_tags WHERE tenant_id = \(tenant)",
                "DELETE FROM handoffs WHERE tenant_id = \(tenant)",
                "DELETE FROM tasks WHERE tenant_id = \(tenant)",
                "DELETE FROM task_keys WHERE tenant_id = \(tenant)",
                "DELETE FROM workflows WHERE tenant_id = \(tenant)",
                "DELETE FROM token_prices WHERE tenant_id = \(tenant)",
                "DELETE FROM assistants WHERE tenant_id = \(tenant)",
                "DELETE FROM task_rollups WHERE tenant_id = \(tenant)",
                "DELETE FROM workflow_rollups WHERE tenant_id = \(tenant)",
                "DELETE FROM task_duration_bins WHERE tenant_id = \(tenant)",
                "DELETE FROM task_type_totals WHERE tenant_id = \(tenant)",
                "DELETE FROM coordination_rollups WHERE tenant_id = \(tenant)",
                "DELETE FROM handoff_friction_rollups WHERE tenant_id = \(tenant)",
                "DELETE FROM token_usage_rollups WHERE tenant_id = \(tenant)",
                "DELETE FROM rollup_dirty WHERE tenant_id = \(tenant)",
                // With its marks gone, the generation rises so no cached report outlives the data.
                "SELECT baton_raise_generations(ARRAY[\(tenant)])",
            ] {
                try await connection.query(statement, logger: logger).drain()
            }
        }
    }

    package func putAssistant(_ assistant: AssistantMetadata, tenant: String, logger: Logger)
        async throws -> Bool
    {
        let licence = assistant.licence
        let outcome = try await database.tenantTransaction("put assistant", tenant: tenant, logger: logger) {
            connection -> Result<Bool, CostError> in
            // A licence keeps the tenant's one currency (issue 22).
            if let licence,
                let existing = try await TenantCurrency.lockAndRead(
                    tenant: tenant, exceptAssistant: assistant.name, exceptPrices: false, on: connection,
                    logger: logger),
                existing != licence.currency
            {
                return .failure(.currencyMismatch(field: "currency", given: licence.currency, tenant: existing))
            }
            let created =
                try await connection.query(
                    """
                    INSERT INTO assistants AS a (tenant_id, name, tool, category, archetype, rollout_at, registered_at,
                                                 monthly_cost, cost_currency, cost_from)
                    VALUES (\(tenant), \(assistant.name), \(assistant.tool), \(assistant.category?.rawValue),
                            \(assistant.archetype?.rawValue), \(assistant.rolloutAt?.postgresText)::timestamptz, now(),
                            \(licence?.monthlyCost)::float8::numeric, \(licence?.currency),
                            DATE '1970-01-01' + \(licence?.startsAt.map { Int32($0.utcDayNumber) })::int4)
                    ON CONFLICT (tenant_id, name) DO UPDATE SET
                        tool = excluded.tool, category = excluded.category, archetype = excluded.archetype,
                        rollout_at = excluded.rollout_at, registered_at = COALESCE(a.registered_at, now()),
                        monthly_cost = excluded.monthly_cost, cost_currency = excluded.cost_currency,
                        cost_from = excluded.cost_from, updated_at = now()
                    RETURNING (xmax = 0)
                    """, logger: logger
                ).collectValues(Bool.self).first ?? false
            return .success(created)
        }
        return try outcome.get()
    }

    package func assistants(tenant: String, logger: Logger) async throws -> [AssistantMetadata] {
        let rows = try await database.tenantTransaction("list assistants", tenant: tenant, logger: logger) {
            connection in
            try await connection.query(
                """
                SELECT name, tool, category, archetype, (extract(epoch FROM rollout_at) * 1000000)::int8,
                       registered_at IS NOT NULL, monthly_cost::float8, cost_currency,
                       (cost_from - DATE '1970-01-01')::int4
                FROM assistants WHERE tenant_id = \(tenant) ORDER BY name
                """, logger: logger
            ).collect(as: (String, String?, String?, String?, Int64?, Bool, Double?, String?, Int32?).self)
        }
        return rows.map { name, tool, category, archetype, rollout, registered, cost, currency, from in
            AssistantMetadata(
                name: name, tool: tool, category: category.flatMap(AssistantCategory.init(rawValue:)),
                archetype: archetype.flatMap(Archetype.init(rawValue:)),
                rolloutAt: rollout.map(Timestamp.init(microseconds:)), registered: registered,
                licence: cost.flatMap { cost in
                    currency.map { currency in
                        AssistantLicence(
                            monthlyCost: cost, currency: currency,
                            startsAt: from.map { Timestamp(utcDayNumber: Int($0)) })
                    }
                })
        }
    }
}
