import BatonCore
import Logging
import PostgresNIO

extension PostgresStorage {
    /// Every token of `tenant` (of all tenants when `nil`), newest first; no secrets.
    package func tokens(tenant: String?, logger: Logger) async throws -> [TokenInfo] {
        let rows = try await run("list tokens", logger: logger) {
            try await client.query(
                """
                SELECT tenant_id, token_id, role, label, (extract(epoch FROM created_at) * 1000000)::int8,
                       (extract(epoch FROM expires_at) * 1000000)::int8, (extract(epoch FROM revoked_at) * 1000000)::int8,
                       (extract(epoch FROM last_used_at) * 1000000)::int8
                FROM api_tokens WHERE \(tenant)::text IS NULL OR tenant_id = \(tenant)
                ORDER BY created_at DESC, token_id
                """, logger: logger
            ).collect(as: (String, String, String, String?, Int64, Int64?, Int64?, Int64?).self)
        }
        return rows.compactMap { r in
            Role(rawValue: r.2).map { role in
                TokenInfo(
                    tenantID: r.0, tokenID: r.1, role: role, label: r.3, createdAt: Timestamp(microseconds: r.4),
                    expiresAt: r.5.map(Timestamp.init(microseconds:)),
                    revokedAt: r.6.map(Timestamp.init(microseconds:)),
                    lastUsedAt: r.7.map(Timestamp.init(microseconds:)))
            }
        }
    }

    /// Revokes a token at once; `false` when no usable token has that id (in `tenant`, if given).
    package func revokeToken(id: String, tenant: String?, logger: Logger) async throws -> Bool {
        let rows = try await run("revoke token", logger: logger) {
            try await client.query(
                """
                UPDATE api_tokens SET revoked_at = now()
                WHERE token_id = \(id) AND revoked_at IS NULL AND (\(tenant)::text IS NULL OR tenant_id = \(tenant))
                RETURNING token_id
                """, logger: logger
            ).collectValues(String.self)
        }
        return !rows.isEmpty
    }
}
