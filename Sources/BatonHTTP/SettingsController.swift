import BatonCore
import BatonStore
import Foundation
import Hummingbird

/// `GET /v1/settings` (viewer) and `PUT /v1/settings` (admin): the caller's tenant's settings.
struct SettingsController {
    let tenants: any TenantRepository
    let configuration: ServiceConfiguration

    struct SettingsBody: ResponseEncodable {
        var tenant: String
        var settings: TenantSettings

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: DynamicKey.self)
            try c.encode(tenant, forKey: DynamicKey("tenant"))
            try c.encode(settings.displayName, forKey: DynamicKey("display_name"))
            try c.encode(settings.deliveryModel?.rawValue, forKey: DynamicKey("delivery_model"))
            try c.encode(settings.hourlyRate, forKey: DynamicKey("hourly_rate"))
        }
    }

    func addRoutes(to group: RouterGroup<BatonRequestContext>) {
        group.get("settings", use: get)
        group.put("settings", use: put)
    }

    @Sendable func get(_ request: Request, context: BatonRequestContext) async throws -> SettingsBody {
        let identity = try context.require(.viewer)
        let settings = try await tenants.tenantSettings(tenant: identity.tenantID, logger: context.logger)
        return SettingsBody(tenant: identity.tenantID, settings: settings)
    }

    @Sendable func put(_ request: Request, context: BatonRequestContext) async throws -> SettingsBody {
        let identity = try context.require(.admin)
        let body = try await request.body.collect(upTo: 64 * 1024)
        let expected =
            "body must be a JSON object such as {\"display_name\": \"Acme SOC\", \"delivery_model\": \"hybrid\"}"
        guard case .object(let fields) = try JSONValue.requestBody(body, expected: expected) else {
            throw APIError(status: .badRequest, code: "malformed_body", message: expected)
        }
        let settings: TenantSettings
        switch TenantSettings.validated(fields: fields, limits: configuration.recordLimits) {
        case .success(let value): settings = value
        case .failure(let rejection):
            throw APIError(status: .unprocessableContent, code: "invalid_field", message: rejection.error)
        }
        try await tenants.putTenantSettings(settings, tenant: identity.tenantID, logger: context.logger)
        return SettingsBody(tenant: identity.tenantID, settings: settings)
    }
}
