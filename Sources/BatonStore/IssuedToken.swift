import BatonCore

/// A newly created API token. `secret` is the only copy: it is shown once and never stored.
package struct IssuedToken: Sendable, Hashable {
    package var tenantID: String
    package var tokenID: String
    package var role: Role
    package var secret: String
}
