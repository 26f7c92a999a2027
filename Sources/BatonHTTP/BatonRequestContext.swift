package import BatonCore
package import Foundation
package import Hummingbird

/// The request context of Baton's routes: Hummingbird's core context plus the caller's identity,
/// set by ``AuthenticationMiddleware`` on `/v1` routes.
package struct BatonRequestContext: RequestContext {
    package var coreContext: CoreRequestContextStorage
    package var identity: Identity?

    package init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.identity = nil
    }

    /// JSON with snake_case keys, as in the contract.
    package var responseEncoder: JSONEncoder { JSONCoding.encoder }

    /// The caller's identity, if its role grants `role`; otherwise 401 (no identity) or 403.
    package func require(_ roles: Role...) throws -> Identity {
        guard let identity else { throw APIError.unauthorized }
        guard roles.contains(where: { identity.role.grants($0) }) else {
            throw APIError(
                status: .forbidden, code: "forbidden",
                message:
                    "this route needs a token with role \(roles.map(\.rawValue).joined(separator: " or ")) (or admin); this token has role \(identity.role.rawValue)"
            )
        }
        return identity
    }

    /// A path parameter with its percent-encoding removed, so ids with `/`, spaces or non-ASCII
    /// characters can be addressed (`/workflows/INC%2F42`); 400 naming it when the decoded bytes
    /// do not pass ``InputText`` (``InputTextMiddleware`` has refused those already; this keeps a
    /// route safe on its own).
    package func pathParameter(_ name: String) throws -> String {
        let raw = try parameters.require(name)
        do throws(InputText.Refusal) {
            return try InputText.check(
                percentEncoded: raw.utf8, field: "path parameter '\(name)'",
                maxLength: InputTextMiddleware<Self>.maxParameterLength)
        } catch {
            throw APIError(status: .badRequest, code: "invalid_text", message: error.description)
        }
    }
}
