/// A tenant's own settings, managed by its admins (`PUT /v1/settings`): the name reports show and
/// how the SOC is delivered, which the survey CSV reports.
public struct TenantSettings: Sendable, Equatable {
    /// Shown instead of the tenant id where people read it; `nil` for the id itself.
    public var displayName: String?
    public var deliveryModel: DeliveryModel?

    public init(displayName: String?, deliveryModel: DeliveryModel?) {
        self.displayName = displayName
        self.deliveryModel = deliveryModel
    }
}
