import BatonCore
import Logging
import PostgresNIO

extension PostgresStorage {
    /// A fingerprint of everything a tenant's report is computed from: it changes whenever a
    /// workflow, task, tag, rating or assistant is added, changed or deleted, so a cached report
    /// with the same fingerprint is still exact.
    package func dataVersion(tenant: String, logger: Logger) async throws -> String {
        let rows = try await tenantTransaction("data version", tenant: tenant, logger: logger) { connection in
            try await connection.query(
                """
                SELECT concat_ws('/',
                    (SELECT count(*) || ':' || COALESCE((extract(epoch FROM max(updated_at)) * 1000000)::int8, 0)
                     FROM workflows WHERE tenant_id = \(tenant)),
                    (SELECT count(*) || ':' || COALESCE((extract(epoch FROM max(updated_at)) * 1000000)::int8, 0)
                     FROM tasks WHERE tenant_id = \(tenant)),
                    (SELECT count(*) || ':' || COALESCE(max(tag_id), 0) FROM handoff_tags WHERE tenant_id = \(tenant)),
                    (SELECT count(*) FROM perceptions WHERE tenant_id = \(tenant)),
                    (SELECT count(*) || ':' || COALESCE((extract(epoch FROM max(updated_at)) * 1000000)::int8, 0)
                     FROM assistants WHERE tenant_id = \(tenant)))
                """, logger: logger
            ).collectValues(String.self)
        }
        return rows.first ?? ""
    }

    /// The first and last opening of the tenant's workflows, or `nil` when it has none.
    package func dataSpan(tenant: String, logger: Logger) async throws -> (Timestamp, Timestamp)? {
        let rows = try await tenantTransaction("data span", tenant: tenant, logger: logger) { connection in
            try await connection.query(
                """
                SELECT (extract(epoch FROM min(effective_opened_at)) * 1000000)::int8,
                       (extract(epoch FROM max(effective_opened_at)) * 1000000)::int8
                FROM workflows WHERE tenant_id = \(tenant)
                """, logger: logger
            ).collect(as: (Int64?, Int64?).self)
        }
        guard let (first, last) = rows.first, let first, let last else { return nil }
        return (Timestamp(microseconds: first), Timestamp(microseconds: last))
    }
}
