import BatonCore
import BatonStore
import Foundation
import Hummingbird

/// `POST /v1/perceptions` (analyst): perceived-value ratings, one JSON object
/// `{"respondent_role", "assistant", "rating", "date", "note"?}`, an array of them, or
/// `{"perceptions": [...]}`. All or nothing: one bad rating refuses the request with 422 naming
/// the rating and the field, so a survey is never half recorded.
struct PerceptionsController {
    let ingest: any IngestRepository
    let configuration: ServiceConfiguration

    struct Recorded: ResponseEncodable {
        var recorded: Int
    }

    func addRoutes(to group: RouterGroup<BatonRequestContext>) {
        group.post("perceptions", use: post)
    }

    @Sendable func post(_ request: Request, context: BatonRequestContext) async throws -> EditedResponse<Recorded> {
        let identity = try context.require(.analyst)
        let body = try await request.body.collect(upTo: configuration.maxBodyBytes)
        let expected =
            "body must be a JSON object such as {\"respondent_role\": \"analyst\", \"assistant\": \"siem-copilot\", \"rating\": \"good\", \"date\": \"2026-03-02\"}, or an array of them"
        let items: [JSONValue]
        let single: Bool
        switch try JSONValue.requestBody(body, expected: expected) {
        case .object(let fields):
            if case .array(let list)? = fields["perceptions"], fields.count == 1 {
                (items, single) = (list, false)
            } else {
                (items, single) = ([.object(fields)], true)
            }
        case .array(let list): (items, single) = (list, false)
        default:
            throw APIError(status: .badRequest, code: "malformed_body", message: expected)
        }
        guard !items.isEmpty else {
            throw APIError(status: .unprocessableContent, code: "invalid_field", message: "no ratings in the body")
        }
        var perceptions: [Perception] = []
        let now = Timestamp.now
        for (index, item) in items.enumerated() {
            let prefix = single ? "" : "perceptions[\(index)]: "
            guard case .object(let fields) = item else {
                throw APIError(
                    status: .unprocessableContent, code: "invalid_field", message: prefix + "must be a JSON object")
            }
            switch Perception.validated(fields: fields, limits: configuration.recordLimits, now: now) {
            case .success(let perception): perceptions.append(perception)
            case .failure(let rejection):
                throw APIError(
                    status: .unprocessableContent, code: "invalid_field", message: prefix + rejection.message)
            }
        }
        try await ingest.addPerceptions(perceptions, tenant: identity.tenantID, logger: context.logger)
        return EditedResponse(status: .created, response: Recorded(recorded: perceptions.count))
    }
}
