package import BatonCore
import Crypto
import Foundation
package import Logging
import PostgresNIO

/// API tokens on PostgreSQL: only a token's SHA-256 hash is stored.
package struct PostgresTokenRepository: TokenRepository {
    package let database: PostgresDatabase

    package init(database: PostgresDatabase) {
        self.database = database
    }

    /// A token that stops working at `expiresAt` (never, when `nil`).
    package func createToken(
        tenant: String, role: Role, label: String?, expiresAt: Timestamp?, logger: Logger
    ) async throws -> IssuedToken {
        let expires = expiresAt?.rfc3339
        let tokenID = Self.randomBase64URL(bytes: 9)
        let secret = "btn_\(tokenID)_\(Self.randomBase64URL(bytes: 32))"
        let hash = Self.hash(token: secret)
        try await database.transaction("create token", logger: logger) { connection in
            try await connection.query(
                "INSERT INTO tenants (tenant_id) VALUES (\(tenant)) ON CONFLICT (tenant_id) DO NOTHING",
                logger: logger
            ).drain()
            try await connection.query(
                """
                INSERT INTO api_tokens (tenant_id, token_id, token_hash, role, label, expires_at)
                VALUES (\(tenant), \(tokenID), \(hash), \(role.rawValue), \(label), \(expires)::timestamptz)
                """, logger: logger
            ).drain()
        }
        return IssuedToken(tenantID: tenant, tokenID: tokenID, role: role, secret: secret)
    }

    package func authenticate(token: String, logger: Logger) async throws -> Identity? {
        // Cheap rejection of anything that is not one of our tokens, before touching the database.
        guard token.hasPrefix("btn_"), token.utf8.count <= 128 else { return nil }
        let hash = Self.hash(token: token)
        let rows = try await database.run("authenticate", logger: logger) { [client = database.client] in
            try await DatabaseDeadline.run(within: database.probeLimit) {
                // The lookup is the one statement that runs before a tenant is known; the
                // function (migration 0007) does it as the tables' owner.
                try await client.query(
                    "SELECT tenant_id, token_id, role FROM baton_authenticate(\(hash))", logger: logger
                ).collect(as: (String, String, String).self)
            }
        }
        guard let (tenant, tokenID, roleName) = rows.first, let role = Role(rawValue: roleName) else {
            return nil
        }
        return Identity(tenantID: tenant, tokenID: tokenID, role: role)
    }

    package func activeTokenCount(logger: Logger) async throws -> Int {
        try await database.run("count tokens", logger: logger) {
            try await database.client.query(
                """
                SELECT count(*)::int8 FROM api_tokens
                WHERE revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())
                """, logger: logger
            ).collectValues(Int64.self).first.map(Int.init) ?? 0
        }
    }

    /// Every token of `tenant` (of all tenants when `nil`), newest first; no secrets.
    package func tokens(tenant: String?, logger: Logger) async throws -> [TokenInfo] {
        let rows = try await database.run("list tokens", logger: logger) {
            try await database.client.query(
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
        let rows = try await database.run("revoke token", logger: logger) {
            try await database.client.query(
                """
                UPDATE api_tokens SET revoked_at = now()
                WHERE token_id = \(id) AND revoked_at IS NULL AND (\(tenant)::text IS NULL OR tenant_id = \(tenant))
                RETURNING token_id
                """, logger: logger
            ).collectValues(String.self)
        }
        return !rows.isEmpty
    }

    static func hash(token: String) -> Data {
        Data(SHA256.hash(data: Data(token.utf8)))
    }

    static func randomBase64URL(bytes count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
