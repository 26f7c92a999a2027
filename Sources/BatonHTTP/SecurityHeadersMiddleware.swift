import HTTPTypes
import Hummingbird

/// Security headers on every response, API and web alike; a page that sets its own policy (the
/// web pages' stricter CSP) keeps it.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var defaults: [(HTTPField.Name, String)] {
        [
            (HTTPField.Name("Content-Security-Policy")!, "default-src 'none'; frame-ancestors 'none'"),
            (HTTPField.Name("X-Content-Type-Options")!, "nosniff"),
            (HTTPField.Name("X-Frame-Options")!, "DENY"),
            (HTTPField.Name("Referrer-Policy")!, "no-referrer"),
        ]
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        var response = try await next(request, context)
        for (name, value) in Self.defaults where response.headers[name] == nil {
            response.headers[name] = value
        }
        return response
    }
}
