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

    package init(
        tenantID: String, tokenID: String, role: Role, label: String?, createdAt: Timestamp, expiresAt: Timestamp?,
        revokedAt: Timestamp?, lastUsedAt: Timestamp?
    ) {
        self.tenantID = tenantID
        self.tokenID = tokenID
        self.role = role
        self.label = label
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
        self.lastUsedAt = lastUsedAt
    }

    /// `active`, `revoked` or `expired` at `now`.
    package func state(at now: Timestamp) -> String {
        if revokedAt != nil { return "revoked" }
        if let expiresAt, expiresAt <= now { return "expired" }
        return "active"
    }
}
