import BatonCore
import BatonStore
import Foundation
import Hummingbird

/// `PUT /v1/prices` (admin) replaces the tenant's token price table; `GET /v1/prices` (viewer)
/// shows it, marking the prices in force today (issue 22, `Docs/metrics.md` Costs).
struct PricesController {
    let costs: any CostRepository
    let configuration: ServiceConfiguration

    struct PricesBody: ResponseEncodable {
        var table: PriceTable
        var today: Int

        func encode(to encoder: any Encoder) throws {
            let inForce = table.inForce(day: today)
            var c = encoder.container(keyedBy: DynamicKey.self)
            try c.encode(table.prices.first?.currency, forKey: DynamicKey("currency"))
            try c.encode(
                table.prices.map { PriceBody(price: $0, inForce: inForce.contains($0)) }, forKey: DynamicKey("prices"))
        }
    }

    struct PriceBody: Encodable {
        var price: TokenPrice
        var inForce: Bool

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: DynamicKey.self)
            try c.encode(price.provider, forKey: DynamicKey("provider"))
            try c.encode(price.model, forKey: DynamicKey("model"))
            try c.encode(price.inputPerMillion, forKey: DynamicKey("input_per_million"))
            try c.encode(price.outputPerMillion, forKey: DynamicKey("output_per_million"))
            try c.encode(price.effectiveFrom.utcDateText, forKey: DynamicKey("effective_from"))
            try c.encode(inForce, forKey: DynamicKey("in_force"))
        }
    }

    func addRoutes(to group: RouterGroup<BatonRequestContext>) {
        group.get("prices", use: get)
        group.put("prices", use: put)
    }

    @Sendable func get(_ request: Request, context: BatonRequestContext) async throws -> PricesBody {
        let identity = try context.require(.viewer)
        let table = try await costs.prices(tenant: identity.tenantID, logger: context.logger)
        return PricesBody(table: table, today: Timestamp.now.utcDayNumber)
    }

    @Sendable func put(_ request: Request, context: BatonRequestContext) async throws -> PricesBody {
        let identity = try context.require(.admin)
        let body = try await request.body.collect(upTo: 4 * 1024 * 1024)
        let expected =
            "body must be a JSON object such as {\"currency\": \"USD\", \"prices\": [{\"provider\": \"openai\", \"model\": \"gpt-4o\", \"input_per_million\": 2.5, \"output_per_million\": 10, \"effective_from\": \"2026-01-01\"}]}"
        guard case .object(let fields) = try JSONValue.requestBody(body, expected: expected) else {
            throw APIError(status: .badRequest, code: "malformed_body", message: expected)
        }
        let currency: String
        let prices: [TokenPrice]
        switch PriceTable.validated(fields, limits: configuration.recordLimits) {
        case .success(let value): (currency, prices) = value
        case .failure(let rejection):
            throw APIError(status: .unprocessableContent, code: "invalid_field", message: rejection.error)
        }
        try await APIError.mapped {
            try await costs.putPrices(prices, currency: currency, tenant: identity.tenantID, logger: context.logger)
        }
        return PricesBody(table: PriceTable(prices), today: Timestamp.now.utcDayNumber)
    }
}

extension APIError {
    /// A cost refusal (a second currency) as 422 naming the field.
    init(_ error: CostError) {
        self.init(status: .unprocessableContent, code: "invalid_field", message: error.description)
    }

    /// Runs `body`, turning a cost refusal into its 422.
    static func mapped<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as CostError {
            throw APIError(error)
        }
    }
}
