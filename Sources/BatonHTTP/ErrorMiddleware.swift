import BatonStore
package import Hummingbird
import Logging
import NIOCore

/// Turns every error into the contract's JSON error body. Errors that are not Baton's own are
/// logged with their details and sent as a generic 500, so a raw database error never reaches a client.
package struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    package init() {}

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    )
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return try error.response(from: request, context: context)
        } catch {
            return try Self.map(error, logger: context.logger).response(from: request, context: context)
        }
    }

    static func map(_ error: any Error, logger: Logger) -> APIError {
        switch error {
        case let error as StoreError:
            switch error {
            case .unavailable:
                return .unavailable(retryAfter: 5, message: "the database is unavailable; retry later")
            case .contention:
                return .unavailable(
                    retryAfter: 1, message: "too many concurrent writes to the same workflows; retry")
            case .notFound:
                return APIError(status: .notFound, code: "not_found", message: "not found")
            case .invalidValue:
                // Input is checked before the database sees it; reaching here means a gap in that check.
                logger.error("the database refused a value of the request; the input check let it through")
                return APIError(
                    status: .unprocessableContent, code: "invalid_value",
                    message: "a value in the request cannot be stored; check it for unusual characters")
            case .internalError:
                return .internalError
            }
        case is NIOTooManyBytesError:
            return APIError(
                status: .contentTooLarge, code: "body_too_large", message: "request body is too large")
        case let error as HTTPError:
            let code: String
            switch error.status {
            case .notFound: code = "not_found"
            case .methodNotAllowed: code = "method_not_allowed"
            case .contentTooLarge: code = "body_too_large"
            case .badRequest: code = "bad_request"
            default: code = "http_\(error.status.code)"
            }
            return APIError(
                status: error.status, code: code, message: error.body ?? error.status.reasonPhrase,
                headers: error.headers)
        default:
            logger.error("unhandled error", metadata: ["baton.error": "\(String(reflecting: error))"])
            return .internalError
        }
    }
}
