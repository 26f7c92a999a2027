/// The price of a provider's model per million tokens from a calendar day on (`PUT /v1/prices`).
/// A price holds until the next `effectiveFrom` of the same provider and model.
public struct TokenPrice: Sendable, Hashable {
    public var provider: String
    public var model: String
    /// Midnight UTC of the first day the price applies.
    public var effectiveFrom: Timestamp
    public var inputPerMillion: Double
    public var outputPerMillion: Double
    /// ISO 4217 three-letter code, the tenant's one currency.
    public var currency: String

    public init(
        provider: String, model: String, effectiveFrom: Timestamp, inputPerMillion: Double, outputPerMillion: Double,
        currency: String
    ) {
        self.provider = provider
        self.model = model
        self.effectiveFrom = effectiveFrom
        self.inputPerMillion = inputPerMillion
        self.outputPerMillion = outputPerMillion
        self.currency = currency
    }

    /// What `input` and `output` tokens cost at this price.
    public func cost(input: Int64, output: Int64) -> Double {
        (Double(input) * inputPerMillion + Double(output) * outputPerMillion) / 1_000_000
    }
}
