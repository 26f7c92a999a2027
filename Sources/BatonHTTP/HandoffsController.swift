import BatonCore
import BatonStore
import Foundation
import Hummingbird
import Logging

/// `GET /v1/handoffs` (viewer, analyst): the tagging queue; `POST /v1/handoffs/{id}/tags`
/// (analyst): tag one handoff.
struct HandoffsController {
    let handoffs: any HandoffRepository

    /// A tag's body: a reason and a note of at most 2,000 characters; room for a hostile
    /// megabyte to be refused by name rather than by size.
    static var maxBodyBytes: Int { 4 * 1024 * 1024 }

    func addRoutes(to group: RouterGroup<BatonRequestContext>) {
        group.get("handoffs", use: list)
        group.post("handoffs/:id/tags", use: tag)
    }

    @Sendable func list(_ request: Request, context: BatonRequestContext) async throws -> HandoffPageBody {
        let identity = try context.require(.viewer)
        let filter = try Self.filter(request)
        let page = try await handoffs.handoffs(matching: filter, tenant: identity.tenantID, logger: context.logger)
        return HandoffPageBody(page, classBy: filter.classBy)
    }

    @Sendable func tag(_ request: Request, context: BatonRequestContext) async throws
        -> EditedResponse<HandoffPageBody.Tag>
    {
        let identity = try context.require(.analyst)
        let id = try context.pathParameter("id")
        let malformed = APIError(
            status: .badRequest, code: "malformed_body",
            message: "expected a JSON object {\"reason\": \"...\", \"note\": \"...\"}")
        let body = try await request.body.collect(upTo: Self.maxBodyBytes)
        guard case .object(let fields) = try JSONValue.requestBody(body, expected: malformed.message) else {
            throw malformed
        }
        func text(_ name: String) throws(APIError) -> String? {
            switch fields[name] {
            case nil, .null: return nil
            case .string(let value): return value
            default: throw malformed
            }
        }
        let reason = try text("reason")
        let note = try text("note")
        do throws(InputText.Refusal) {
            try JSONValue.checkText(of: fields, except: ["reason", "note"])
        } catch {
            throw APIError(status: .unprocessableContent, code: "invalid_tag", message: error.description)
        }
        let tag: TagRequest
        do {
            tag = try TagRequest(reason: reason, note: note)
        } catch {
            throw APIError(status: .unprocessableContent, code: "invalid_tag", message: error.description)
        }
        guard
            let stored = try await handoffs.tagHandoff(
                id: id, reason: tag.reason, note: tag.note, tenant: identity.tenantID, by: identity.tokenID,
                logger: context.logger)
        else {
            throw APIError(status: .notFound, code: "not_found", message: "no handoff into task '\(id.prefix(128))'")
        }
        context.logger.info("handoff tagged", metadata: ["baton.handoff.reason": "\(tag.reason.rawValue)"])
        return EditedResponse(status: .created, response: HandoffPageBody.Tag(stored))
    }

    /// Query parameters to a filter; a bad one is a 400 naming it.
    static func filter(_ request: Request) throws -> HandoffFilter {
        var parameters: [String: String] = [:]
        for (key, value) in request.uri.queryParameters { parameters[String(key)] = String(value) }
        do {
            return try HandoffFilter(parameters: parameters)
        } catch {
            throw APIError(status: .badRequest, code: "invalid_parameter", message: error.description)
        }
    }
}
