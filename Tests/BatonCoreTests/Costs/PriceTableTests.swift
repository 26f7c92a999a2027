import Testing

@testable import BatonCore

@Suite("Token prices in force by day")
struct PriceTableTests {
    static func day(_ text: String) -> Int { Timestamp(utcDate: text)!.utcDayNumber }

    static let table = PriceTable([
        TokenPrice(
            provider: "openai", model: "gpt-x", effectiveFrom: Timestamp(utcDate: "2026-03-16")!, inputPerMillion: 1,
            outputPerMillion: 4, currency: "USD"),
        TokenPrice(
            provider: "openai", model: "gpt-x", effectiveFrom: Timestamp(utcDate: "2026-01-01")!, inputPerMillion: 2,
            outputPerMillion: 8, currency: "USD"),
    ])

    @Test("the latest effective_from on or before the day applies; none before the first")
    func inForce() {
        #expect(Self.table.price(provider: "openai", model: "gpt-x", day: Self.day("2026-03-15"))?.inputPerMillion == 2)
        #expect(Self.table.price(provider: "openai", model: "gpt-x", day: Self.day("2026-03-16"))?.inputPerMillion == 1)
        #expect(Self.table.price(provider: "openai", model: "gpt-x", day: Self.day("2025-12-31")) == nil)
        #expect(Self.table.price(provider: "anthropic", model: "gpt-x", day: Self.day("2026-03-16")) == nil)
        #expect(Self.table.inForce(day: Self.day("2026-02-01")).map(\.inputPerMillion) == [2])
    }

    @Test("a price per million: 1.5 M input at 2 + 0.5 M output at 8 = 7")
    func cost() {
        let p = Self.table.price(provider: "openai", model: "gpt-x", day: Self.day("2026-02-01"))!
        #expect(p.cost(input: 1_500_000, output: 500_000) == 7)
    }

    static func price(
        provider: JSONValue? = "openai", input: JSONValue = .number(2.5), output: JSONValue = .number(10),
        from: JSONValue = "2026-01-01"
    ) -> JSONValue {
        var fields: [String: JSONValue] = [
            "model": "gpt-x", "input_per_million": input, "output_per_million": output, "effective_from": from,
        ]
        fields["provider"] = provider
        return .object(fields)
    }

    @Test("PUT /v1/prices bodies: valid, and refusals that name the field")
    func validation() throws {
        let good: [String: JSONValue] = ["currency": "USD", "prices": .array([Self.price()])]
        let (currency, prices) = try PriceTable.validated(good).get()
        #expect(currency == "USD")
        #expect(prices.map(\.outputPerMillion) == [10])
        func refusal(_ fields: [String: JSONValue]) -> String? {
            if case .failure(let r) = PriceTable.validated(fields) { return r.error }
            return nil
        }
        var bad = good
        bad["currency"] = "usd"
        #expect(refusal(bad)?.contains("field 'currency'") == true)
        bad = good
        bad["prices"] = .array([Self.price(input: .number(-1))])
        #expect(refusal(bad)?.contains("prices[0]: field 'input_per_million'") == true)
        bad["prices"] = .array([Self.price(from: "2026-01-32")])
        #expect(refusal(bad)?.contains("field 'effective_from'") == true)
        bad["prices"] = .array([Self.price(provider: nil)])
        #expect(refusal(bad)?.contains("'provider'") == true)
        bad["prices"] = .array([Self.price(), Self.price()])
        #expect(refusal(bad)?.contains("prices[1]: a second price") == true)
        #expect(refusal(["currency": "USD"])?.contains("field 'prices'") == true)
    }

    @Test("licence fields of PUT /v1/assistants: monthly_cost needs currency; refusals name the field")
    func licenceValidation() throws {
        let ok = try AssistantMetadata.validated(
            name: "bot", fields: ["monthly_cost": .number(1_200), "currency": "EUR", "cost_from": "2026-03-11"]
        ).get()
        #expect(
            ok.licence
                == AssistantLicence(monthlyCost: 1_200, currency: "EUR", startsAt: Timestamp(utcDate: "2026-03-11")))
        #expect(try AssistantMetadata.validated(name: "bot", fields: [:]).get().licence == nil)
        func refusal(_ fields: [String: JSONValue]) -> String? {
            if case .failure(let r) = AssistantMetadata.validated(name: "bot", fields: fields) { return r.error }
            return nil
        }
        #expect(refusal(["monthly_cost": .number(10)])?.contains("field 'currency'") == true)
        #expect(refusal(["currency": "EUR"])?.contains("field 'currency'") == true)
        #expect(refusal(["monthly_cost": .number(10), "currency": "EURO"])?.contains("field 'currency'") == true)
        #expect(refusal(["monthly_cost": "10", "currency": "EUR"])?.contains("field 'monthly_cost'") == true)
        #expect(
            refusal(["monthly_cost": .number(10), "currency": "EUR", "cost_from": "March"])?.contains(
                "field 'cost_from'") == true)
    }
}
