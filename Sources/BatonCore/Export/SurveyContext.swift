/// What the survey CSV needs besides the value report: tenant settings and the one SOC-level
/// figure the report does not carry.
public struct SurveyContext: Sendable, Hashable {
    /// The SOC's name as the survey should show it: the tenant's display name, else its id.
    public var socName: String
    public var deliveryModel: DeliveryModel?
    /// Σ handoff waits / Σ lead time over the closed workflows of the period (exact, value-model §2);
    /// `nil` when there are none.
    public var handoffWaitShare: Double?
    /// The tenant's secret salt for pseudonyms (see ``Pseudonymizer``).
    public var salt: [UInt8]

    public init(socName: String, deliveryModel: DeliveryModel?, handoffWaitShare: Double?, salt: [UInt8]) {
        self.socName = socName
        self.deliveryModel = deliveryModel
        self.handoffWaitShare = handoffWaitShare
        self.salt = salt
    }
}
