/// A tenant's token prices: for each provider and model, a history of prices by the day they take
/// effect. The price of a task's tokens is the one in force on the task's day (UTC): the latest
/// `effectiveFrom` on or before it.
public struct PriceTable: Sendable, Hashable {
    public private(set) var prices: [TokenPrice]
    private var byModel: [Key: [TokenPrice]]

    struct Key: Hashable {
        var provider: String
        var model: String
    }

    public init(_ prices: [TokenPrice] = []) {
        self.prices = prices.sorted {
            ($0.provider, $0.model, $0.effectiveFrom.microseconds)
                < ($1.provider, $1.model, $1.effectiveFrom.microseconds)
        }
        byModel = Dictionary(grouping: self.prices) { Key(provider: $0.provider, model: $0.model) }
    }

    public var isEmpty: Bool { prices.isEmpty }

    /// The price in force on `day` (days since 1970-01-01, UTC), or `nil` when none had started.
    public func price(provider: String, model: String, day: Int) -> TokenPrice? {
        let limit = Timestamp(utcDayNumber: day)
        return byModel[Key(provider: provider, model: model)]?.last { $0.effectiveFrom <= limit }
    }

    /// For each provider and model, the price in force on `day` (what `GET /v1/prices` marks).
    public func inForce(day: Int) -> Set<TokenPrice> {
        Set(byModel.keys.compactMap { price(provider: $0.provider, model: $0.model, day: day) })
    }
}
