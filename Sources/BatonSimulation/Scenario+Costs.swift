public import BatonCore

/// What a simulated SOC's assistants cost (issue 22, `Docs/metrics.md` Costs): licences per
/// assistant, token counts on their AI tasks and the tenants' token prices. Scenarios without these
/// fields generate the same bytes as before they existed.
extension Scenario {
    /// An assistant's licence, as `PUT /v1/assistants/{name}` takes it.
    public struct Licence: Codable, Sendable, Hashable {
        public var monthlyCost: Double
        /// ISO 4217 code; the same as the scenario's `price_currency` when it has prices.
        public var currency: String
        /// `YYYY-MM-DD`, the first day paid for. Absent: every period.
        public var costFrom: String?

        public init(monthlyCost: Double, currency: String, costFrom: String? = nil) {
            self.monthlyCost = monthlyCost
            self.currency = currency
            self.costFrom = costFrom
        }

        /// The licence as the report reads it.
        public var assistantLicence: AssistantLicence {
            AssistantLicence(
                monthlyCost: monthlyCost, currency: currency, startsAt: costFrom.flatMap { Timestamp(utcDate: $0) })
        }
    }

    /// The tokens of each AI task of an assistant: lognormal counts (`median` tokens, `sigma` of the
    /// logarithm), drawn from a stream of their own and rounded to whole tokens, of one provider's
    /// model. They become the task's `attributes` under the names the collector stores
    /// (`Docs/otel.md`).
    public struct TokenUse: Codable, Sendable, Hashable {
        public var provider: String
        public var model: String
        public var input: Duration
        public var output: Duration

        public init(provider: String, model: String, input: Duration, output: Duration) {
            self.provider = provider
            self.model = model
            self.input = input
            self.output = output
        }
    }

    /// A token price, as `PUT /v1/prices` takes it; the scenario's `price_currency` is its currency.
    public struct Price: Codable, Sendable, Hashable {
        public var provider: String
        public var model: String
        public var inputPerMillion: Double
        public var outputPerMillion: Double
        /// `YYYY-MM-DD`, the first day the price holds.
        public var effectiveFrom: String

        public init(
            provider: String, model: String, inputPerMillion: Double, outputPerMillion: Double, effectiveFrom: String
        ) {
            self.provider = provider
            self.model = model
            self.inputPerMillion = inputPerMillion
            self.outputPerMillion = outputPerMillion
            self.effectiveFrom = effectiveFrom
        }
    }

    /// Whether any assistant's AI tasks carry token counts (then cases draw them from their own stream).
    var drawsTokens: Bool { assistants.contains { $0.tokens != nil } }

    /// Whether the scenario says anything about costs.
    public var declaresCosts: Bool {
        !(prices ?? []).isEmpty || assistants.contains { $0.licence != nil || $0.tokens != nil }
    }

    /// The scenario's prices as the tenant's price table.
    public var tokenPrices: [TokenPrice] {
        guard let currency = priceCurrency else { return [] }
        return (prices ?? []).compactMap { p in
            Timestamp(utcDate: p.effectiveFrom).map {
                TokenPrice(
                    provider: p.provider, model: p.model, effectiveFrom: $0, inputPerMillion: p.inputPerMillion,
                    outputPerMillion: p.outputPerMillion, currency: currency)
            }
        }
    }

    /// A provider's or model's name: 1 to 128 characters, as the collector and `PUT /v1/prices` take them.
    static func isName(_ text: String) -> Bool { (1...128).contains(text.count) }

    /// The scenario-level checks: prices need a currency, every licence uses it, no price twice.
    func validateCosts() throws {
        let prices = self.prices ?? []
        if !prices.isEmpty || priceCurrency != nil {
            guard let currency = priceCurrency, CurrencyCode.isValid(currency) else {
                throw ScenarioError("prices need a price_currency of three capital letters (ISO 4217, such as USD)")
            }
        }
        var seen = Set<String>()
        for p in prices {
            guard Self.isName(p.provider), Self.isName(p.model) else {
                throw ScenarioError("prices: provider and model must be 1 to 128 characters")
            }
            guard AmountRange.contains(p.inputPerMillion, maximum: AmountRange.price),
                AmountRange.contains(p.outputPerMillion, maximum: AmountRange.price)
            else {
                throw ScenarioError(
                    "prices: \(p.provider)/\(p.model): prices per million must be \(AmountRange.requirement(maximum: AmountRange.price))"
                )
            }
            guard Timestamp(utcDate: p.effectiveFrom) != nil else {
                throw ScenarioError(
                    "prices: \(p.provider)/\(p.model): effective_from '\(p.effectiveFrom)' is not YYYY-MM-DD")
            }
            guard seen.insert("\(p.provider)\u{0}\(p.model)\u{0}\(p.effectiveFrom)").inserted else {
                throw ScenarioError("prices: a second price for \(p.provider)/\(p.model) from \(p.effectiveFrom)")
            }
        }
        let currencies = Set(assistants.compactMap(\.licence?.currency) + [priceCurrency].compactMap { $0 })
        guard currencies.count <= 1 else {
            throw ScenarioError(
                "licences and prices use one currency (a tenant has one), not \(currencies.sorted().joined(separator: ", "))"
            )
        }
    }
}

extension Scenario.Assistant {
    /// The checks of an assistant's licence and token use.
    func validateCosts() throws {
        if let licence {
            guard AmountRange.contains(licence.monthlyCost, maximum: AmountRange.monthlyCost),
                CurrencyCode.isValid(licence.currency)
            else {
                throw ScenarioError(
                    "assistant \(name): licence needs a monthly_cost from 0 to \(Int64(AmountRange.monthlyCost)) and a currency such as USD"
                )
            }
            if let from = licence.costFrom, Timestamp(utcDate: from) == nil {
                throw ScenarioError("assistant \(name): licence.cost_from '\(from)' is not YYYY-MM-DD")
            }
        }
        if let tokens {
            guard Scenario.isName(tokens.provider), Scenario.isName(tokens.model) else {
                throw ScenarioError("assistant \(name): tokens: provider and model must be 1 to 128 characters")
            }
            for d in [tokens.input, tokens.output] where !(d.median > 0 && d.median < 1e9 && (0...3).contains(d.sigma))
            {
                throw ScenarioError(
                    "assistant \(name): tokens: a median from above 0 to below 1e9 and a sigma from 0 to 3")
            }
        }
    }
}
