/// A tenant's own settings, managed by its admins (`PUT /v1/settings`): the name reports show, how
/// the SOC is delivered, which the survey CSV reports, and the price of an analyst hour, which
/// values the effort saved (net value) when a request or command gives none.
public struct TenantSettings: Sendable, Equatable {
    /// Shown instead of the tenant id where people read it; `nil` for the id itself.
    public var displayName: String?
    public var deliveryModel: DeliveryModel?
    /// The price of an analyst hour in the tenant's one currency (that of its costs); `nil`: not set.
    public var hourlyRate: Double?

    public init(displayName: String?, deliveryModel: DeliveryModel?, hourlyRate: Double? = nil) {
        self.displayName = displayName
        self.deliveryModel = deliveryModel
        self.hourlyRate = hourlyRate
    }
}
