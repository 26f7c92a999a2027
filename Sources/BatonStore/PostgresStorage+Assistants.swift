import BatonCore
import Logging
import PostgresNIO

extension PostgresStorage {
    package func putAssistant(_ assistant: AssistantMetadata, tenant: String, logger: Logger)
        async throws -> Bool
    {
        try await tenantTransaction("put assistant", tenant: tenant, logger: logger) { connection in
            try await connection.query(
                """
                INSERT INTO assistants AS a (tenant_id, name, tool, category, archetype, rollout_at, registered_at)
                VALUES (\(tenant), \(assistant.name), \(assistant.tool), \(assistant.category?.rawValue),
                        \(assistant.archetype?.rawValue), \(assistant.rolloutAt?.postgresText)::timestamptz, now())
                ON CONFLICT (tenant_id, name) DO UPDATE SET
                    tool = excluded.tool, category = excluded.category, archetype = excluded.archetype,
                    rollout_at = excluded.rollout_at, registered_at = COALESCE(a.registered_at, now()),
                    updated_at = now()
                RETURNING (xmax = 0)
                """, logger: logger
            ).collectValues(Bool.self).first ?? false
        }
    }

    package func assistants(tenant: String, logger: Logger) async throws -> [AssistantMetadata] {
        let rows = try await tenantTransaction("list assistants", tenant: tenant, logger: logger) { connection in
            try await connection.query(
                """
                SELECT name, tool, category, archetype, (extract(epoch FROM rollout_at) * 1000000)::int8,
                       registered_at IS NOT NULL
                FROM assistants WHERE tenant_id = \(tenant) ORDER BY name
                """, logger: logger
            ).collect(as: (String, String?, String?, String?, Int64?, Bool).self)
        }
        return rows.map { name, tool, category, archetype, rollout, registered in
            AssistantMetadata(
                name: name, tool: tool, category: category.flatMap(AssistantCategory.init(rawValue:)),
                archetype: archetype.flatMap(Archetype.init(rawValue:)),
                rolloutAt: rollout.map(Timestamp.init(microseconds:)), registered: registered)
        }
    }
}
