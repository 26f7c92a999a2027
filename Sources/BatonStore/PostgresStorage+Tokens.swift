import BatonCore
import Crypto
import Foundation
import Logging
import PostgresNIO

extension PostgresStorage {
    package func createToken(tenant: String, role: Role, label: String?, logger: Logger) async throws
        -> IssuedToken
    {
        try await createToken(tenant: tenant, role: role, label: label, expiresAt: nil, logger: logger)
    }

    /// A token that stops working at `expiresAt` (never, when `nil`).
    package func createToken(
        tenant: String, role: Role, label: String?, expiresAt: Timestamp?, logger: Logger
    ) async throws -> IssuedToken {
        let expires = expiresAt?.rfc3339
        let tokenID = Self.randomBase64URL(bytes: 9)
        let secret = "btn_\(tokenID)_\(Self.randomBase64URL(bytes: 32))"
        let hash = Self.hash(token: secret)
        try await transaction("create token", logger: logger) { connection in
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
        let rows = try await run("authenticate", logger: logger) { [client] in
            try await DatabaseDeadline.run(within: probeLimit) {
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
        try await run("count tokens", logger: logger) {
            try await client.query(
                """
                SELECT count(*)::int8 FROM api_tokens
                WHERE revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())
                """, logger: logger
            ).collectValues(Int64.self).first.map(Int.init) ?? 0
        }
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
