package import BatonCore
import BatonStore
import Foundation
package import Hummingbird
import Logging

/// Resolves `Authorization: Bearer <token>` to an ``Identity``; answers 401 without a valid token.
/// Each route then checks the role it needs (``BatonRequestContext/require(_:)``).
package struct AuthenticationMiddleware: RouterMiddleware {
    package typealias Context = BatonRequestContext
    let tokens: any TokenRepository

    package init(tokens: any TokenRepository) {
        self.tokens = tokens
    }

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    )
        async throws -> Response
    {
        guard let header = request.headers[.authorization] else { throw APIError.unauthorized }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw APIError.unauthorized }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        guard let identity = try await tokens.authenticate(token: token, logger: context.logger) else {
            throw APIError.unauthorized
        }
        var context = context
        context.identity = identity
        context.logger[metadataKey: "baton.tenant"] = "\(identity.tenantID)"
        context.logger[metadataKey: "baton.token"] = "\(identity.tokenID)"
        return try await next(request, context)
    }
}
