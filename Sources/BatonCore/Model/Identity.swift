/// Who is calling: the tenant and role of a valid API token.
public struct Identity: Sendable, Hashable {
    public var tenantID: String
    public var tokenID: String
    public var role: Role

    public init(tenantID: String, tokenID: String, role: Role) {
        self.tenantID = tenantID
        self.tokenID = tokenID
        self.role = role
    }
}
