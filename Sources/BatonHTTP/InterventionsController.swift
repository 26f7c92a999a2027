import BatonCore
import BatonReports
import BatonStore
import Foundation
import Hummingbird
import Logging

/// Recorded process changes (`Docs/interventions.md`): `POST /v1/interventions` (analyst, admin)
/// records one; `GET /v1/interventions` (viewer) lists them, each with what it did to its target's
/// waiting over the report's period (`from`, `to`, as `GET /v1/report`).
struct InterventionsController {
    let interventions: any InterventionRepository
    let reports: ReportService
    let configuration: ServiceConfiguration

    /// An intervention as the API shows it, with its measured effect when there is one.
    struct InterventionBody: ResponseEncodable {
        var intervention: Intervention
        var effect: ValueReport.InterventionEffect?

        func encode(to encoder: any Encoder) throws {
            let i = intervention
            var c = encoder.container(keyedBy: DynamicKey.self)
            try c.encode(i.id, forKey: DynamicKey("id"))
            try c.encode(i.date.rfc3339, forKey: DynamicKey("date"))
            try c.encode(i.target.kind.rawValue, forKey: DynamicKey("target_kind"))
            try c.encode(i.target.value, forKey: DynamicKey("target"))
            try c.encode(i.description, forKey: DynamicKey("description"))
            try c.encode(i.createdAt?.rfc3339, forKey: DynamicKey("created_at"))
            try c.encode(effect.map(EffectBody.init), forKey: DynamicKey("effect"))
        }
    }

    /// The report's figures of one intervention, without what the intervention itself repeats.
    struct EffectBody: Encodable {
        var effect: ValueReport.InterventionEffect

        func encode(to encoder: any Encoder) throws {
            let e = effect
            var c = encoder.container(keyedBy: DynamicKey.self)
            try c.encode(e.verdict, forKey: DynamicKey("verdict"))
            try c.encode(e.summary, forKey: DynamicKey("summary"))
            try c.encode(e.effectMinutes.value, forKey: DynamicKey("effect_minutes"))
            try c.encode(e.effectMinutes.low, forKey: DynamicKey("low_minutes"))
            try c.encode(e.effectMinutes.high, forKey: DynamicKey("high_minutes"))
            try c.encode(e.relativeEffect, forKey: DynamicKey("relative_effect"))
            try c.encode(e.targetBefore.cases, forKey: DynamicKey("cases_before"))
            try c.encode(e.targetAfter.cases, forKey: DynamicKey("cases_after"))
            try c.encode(e.warnings, forKey: DynamicKey("warnings"))
        }
    }

    struct InterventionList: ResponseEncodable {
        var from: String
        var to: String
        var interventions: [InterventionBody]
    }

    func addRoutes(to group: RouterGroup<BatonRequestContext>) {
        group.post("interventions", use: add)
        group.get("interventions", use: list)
    }

    @Sendable func add(_ request: Request, context: BatonRequestContext) async throws
        -> EditedResponse<InterventionBody>
    {
        let identity = try context.require(.analyst)
        let body = try await request.body.collect(upTo: 64 * 1024)
        let expected =
            "body must be a JSON object such as {\"date\": \"2026-02-15\", \"target_kind\": \"handoff-class\", \"target\": \"edr→soar\", \"description\": \"Pre-approve standard containment actions\"}"
        guard case .object(let fields) = try JSONValue.requestBody(body, expected: expected) else {
            throw APIError(status: .badRequest, code: "malformed_body", message: expected)
        }
        let input: InterventionInput
        switch InterventionInput.validated(fields: fields, limits: configuration.recordLimits) {
        case .success(let value): input = value
        case .failure(let rejection):
            throw APIError(status: .unprocessableContent, code: "invalid_field", message: rejection.message)
        }
        let stored = try await interventions.addIntervention(
            input, tenant: identity.tenantID, by: identity.tokenID, logger: context.logger)
        context.logger.info(
            "intervention recorded",
            metadata: [
                "baton.intervention.id": "\(stored.id)", "baton.intervention.kind": "\(input.target.kind.rawValue)",
            ])
        return EditedResponse(status: .created, response: InterventionBody(intervention: stored, effect: nil))
    }

    @Sendable func list(_ request: Request, context: BatonRequestContext) async throws -> InterventionList {
        let identity = try context.require(.viewer)
        let period = try ReportPeriod.resolve(request)
        // Checked whether or not a report is built, so a bad option is refused either way.
        let options = try ReportOptions.from(request)
        let all = try await interventions.interventions(tenant: identity.tenantID, logger: context.logger)
        // The figures come from the report of the period (cached while the data is unchanged);
        // without interventions there is nothing to measure.
        var effects: [Int: ValueReport.InterventionEffect] = [:]
        if all.contains(where: { $0.date >= period.0 && $0.date < period.1 }) {
            let report = try await reports.report(
                tenant: identity.tenantID, period: period, options: options, logger: context.logger)
            for e in report.interventions ?? [] where e.verdict != "before the period" { effects[e.id] = e }
        }
        return InterventionList(
            from: period.0.rfc3339, to: period.1.rfc3339,
            interventions: all.map { InterventionBody(intervention: $0, effect: effects[$0.id]) })
    }
}
