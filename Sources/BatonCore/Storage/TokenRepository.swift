package import Logging

/// API tokens: issuing, authenticating, listing and revoking them.
///
/// A concern of its own because authentication runs before any tenant is known, on every request,
/// while the other token operations are administration (`baton token`).
package protocol TokenRepository: Sendable {
    /// The identity behind an API token, or `nil` when the token is unknown, revoked or expired.
    func authenticate(token: String, logger: Logger) async throws -> Identity?

    /// Creates a token for a tenant (creating the tenant if needed) that stops working at
    /// `expiresAt` (never, when `nil`), and returns it; only its hash is kept.
    func createToken(tenant: String, role: Role, label: String?, expiresAt: Timestamp?, logger: Logger)
        async throws -> IssuedToken

    /// How many usable tokens exist, over all tenants.
    func activeTokenCount(logger: Logger) async throws -> Int

    /// Every token of `tenant` (of all tenants when `nil`), newest first; no secrets.
    func tokens(tenant: String?, logger: Logger) async throws -> [TokenInfo]

    /// Revokes a token at once; `false` when no usable token has that id (in `tenant`, if given).
    func revokeToken(id: String, tenant: String?, logger: Logger) async throws -> Bool
}

extension TokenRepository {
    /// A token that never expires.
    package func createToken(tenant: String, role: Role, label: String?, logger: Logger) async throws
        -> IssuedToken
    {
        try await createToken(tenant: tenant, role: role, label: label, expiresAt: nil, logger: logger)
    }
}
