/// What an assistant's licence costs (issue 22): a fixed amount per calendar month in the tenant's
/// one currency, paid from `startsAt` (or for every period, when `nil`). Pro-rated by the share of
/// each calendar month a report's period covers (``LicenceProration``).
public struct AssistantLicence: Sendable, Hashable {
    public var monthlyCost: Double
    /// ISO 4217 three-letter code (``CurrencyCode``).
    public var currency: String
    /// Midnight UTC of the first day paid for; `nil`: paid for every period.
    public var startsAt: Timestamp?

    public init(monthlyCost: Double, currency: String, startsAt: Timestamp? = nil) {
        self.monthlyCost = monthlyCost
        self.currency = currency
        self.startsAt = startsAt
    }
}
