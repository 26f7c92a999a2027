/// A newly created API token. `secret` is the only copy: it is shown once and never stored.
package struct IssuedToken: Sendable, Hashable {
    package var tenantID: String
    package var tokenID: String
    package var role: Role
    package var secret: String

    package init(tenantID: String, tokenID: String, role: Role, secret: String) {
        self.tenantID = tenantID
        self.tokenID = tokenID
        self.role = role
        self.secret = secret
    }
}
