import BatonCore
import Foundation
import Hummingbird
import Logging

/// Per-token request budget on every `/v1` route (after authentication): over it, 429 with
/// `Retry-After`, so one runaway script cannot starve the other tenants of the database.
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = BatonRequestContext
    let limiter: RateLimiter

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        if let identity = context.identity, let wait = await limiter.admit(identity.tokenID) {
            context.logger.notice("request rate limit reached")
            throw APIError(
                status: .tooManyRequests, code: "rate_limited",
                message:
                    "more than \(String(format: "%g", limiter.ratePerSecond)) requests per second with this token; retry after \(wait) s",
                headers: [.retryAfter: "\(wait)"])
        }
        return try await next(request, context)
    }
}
