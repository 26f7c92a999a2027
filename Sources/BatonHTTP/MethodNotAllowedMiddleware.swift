import HTTPTypes
import Hummingbird

/// Added to the router after every route, so it wraps only the router's not-found responder: a
/// request reaches it when no route serves its method at its path. When some route serves the
/// path with another method the answer is 405 with `Allow` listing those methods (RFC 9110
/// §15.5.6); otherwise it is the router's 404.
struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    let routes: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let allowed = routes.allowedMethods(for: request.uri.path)
        guard !allowed.isEmpty, !allowed.contains(request.method) else { return try await next(request, context) }
        let list = allowed.map(\.rawValue).joined(separator: ", ")
        throw APIError(
            status: .methodNotAllowed, code: "method_not_allowed",
            message: "\(request.method.rawValue.prefix(20)) is not served at this path; it allows \(list)",
            headers: [.allow: list])
    }
}
