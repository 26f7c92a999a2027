import BatonCore
import BatonStore
import Foundation
import Hummingbird

/// `PUT /v1/assistants/{name}` (admin) and `GET /v1/assistants` (viewer).
struct AssistantsController {
    let tenants: any TenantRepository
    let configuration: ServiceConfiguration

    struct AssistantBody: ResponseEncodable {
        var name: String
        var tool: String?
        var category: String?
        var archetype: String?
        var rolloutAt: String?
        /// `false` for an assistant only seen in task records: its metadata is unknown.
        var registered: Bool
        var licence: AssistantLicence?

        init(_ a: AssistantMetadata) {
            name = a.name
            tool = a.tool
            category = a.category?.rawValue
            archetype = a.archetype?.rawValue
            rolloutAt = a.rolloutAt?.rfc3339
            registered = a.registered
            licence = a.licence
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: DynamicKey.self)
            try c.encode(name, forKey: DynamicKey("name"))
            try c.encode(tool, forKey: DynamicKey("tool"))
            try c.encode(category, forKey: DynamicKey("category"))
            try c.encode(archetype, forKey: DynamicKey("archetype"))
            try c.encode(rolloutAt, forKey: DynamicKey("rollout_at"))
            try c.encode(registered, forKey: DynamicKey("registered"))
            try c.encode(licence?.monthlyCost, forKey: DynamicKey("monthly_cost"))
            try c.encode(licence?.currency, forKey: DynamicKey("currency"))
            try c.encode(licence?.startsAt?.utcDateText, forKey: DynamicKey("cost_from"))
        }
    }

    struct AssistantList: ResponseEncodable {
        var assistants: [AssistantBody]
    }

    func addRoutes(to group: RouterGroup<BatonRequestContext>) {
        group.put("assistants/:name", use: put)
        group.get("assistants", use: list)
    }

    @Sendable func list(_ request: Request, context: BatonRequestContext) async throws
        -> AssistantList
    {
        let identity = try context.require(.viewer)
        let all = try await tenants.assistants(tenant: identity.tenantID, logger: context.logger)
        return AssistantList(assistants: all.map(AssistantBody.init))
    }

    @Sendable func put(_ request: Request, context: BatonRequestContext) async throws
        -> EditedResponse<AssistantBody>
    {
        let identity = try context.require(.admin)
        let name = try context.pathParameter("name")
        let body = try await request.body.collect(upTo: 64 * 1024)
        let expected =
            "body must be a JSON object such as {\"tool\": \"siem\", \"category\": \"copilot\", \"archetype\": \"taker\", \"rollout_at\": \"2026-03-01T00:00:00Z\", \"monthly_cost\": 1200, \"currency\": \"USD\", \"cost_from\": \"2026-03-01\"}"
        guard case .object(let fields) = try JSONValue.requestBody(body, expected: expected) else {
            throw APIError(status: .badRequest, code: "malformed_body", message: expected)
        }
        let metadata: AssistantMetadata
        switch AssistantMetadata.validated(
            name: name, fields: fields, limits: configuration.recordLimits)
        {
        case .success(let value): metadata = value
        case .failure(let rejection):
            throw APIError(status: .unprocessableContent, code: "invalid_field", message: rejection.error)
        }
        let created = try await APIError.mapped {
            try await tenants.putAssistant(metadata, tenant: identity.tenantID, logger: context.logger)
        }
        return EditedResponse(status: created ? .created : .ok, response: AssistantBody(metadata))
    }
}
