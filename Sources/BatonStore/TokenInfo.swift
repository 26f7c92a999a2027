import BatonCore

/// What `baton token list` shows of a token: never its secret or hash.
package struct TokenInfo: Sendable, Hashable {
    package var tenantID: String
    package var tokenID: String
    package var role: Role
    package var label: String?
    package var createdAt: Timestamp
    package var expiresAt: Timestamp?
    package var revokedAt: Timestamp?
    package var lastUsedAt: Timestamp?

    /// `active`, `revoked` or `expired` at `now`.
    package func state(at now: Timestamp) -> String {
        if revokedAt != nil { return "revoked" }
        if let expiresAt, expiresAt <= now { return "expired" }
        return "active"
    }
}
