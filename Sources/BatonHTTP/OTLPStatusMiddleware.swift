import BatonCore
import Hummingbird

/// Answers every failure of `POST /v1/traces` to a protobuf client with a protobuf
/// `google.rpc.Status`, as the OTLP/HTTP specification requires ("The response body for all
/// HTTP 4xx and HTTP 5xx responses MUST be a Protobuf-encoded Status message",
/// opentelemetry-proto `docs/specification.md`, OTLP/HTTP Failures), with the same status code
/// and headers (`Retry-After`) Baton gives everyone.
///
/// It sits outside authentication and the request rate limit, so 401, 403 and 429 are answered
/// so too, not only the controller's own errors. JSON clients, and clients whose `Content-Type`
/// is neither, get Baton's usual JSON error body (the contract's error format).
struct OTLPStatusMiddleware: RouterMiddleware {
    typealias Context = BatonRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            guard OTLPEncoding(contentType: request.headers[.contentType]) == .protobuf else { throw error }
            let apiError =
                (error as? APIError) ?? ErrorMiddleware<BatonRequestContext>.map(error, logger: context.logger)
            let status = OTLPStatus(
                code: OTLPStatus.code(forHTTPStatus: apiError.status.code), message: apiError.message)
            var response = Response(
                status: apiError.status, headers: [.contentType: OTLPEncoding.protobuf.contentType],
                body: .init(byteBuffer: ByteBuffer(bytes: status.protobuf)))
            for field in apiError.headers where field.name != .contentType { response.headers.append(field) }
            return response
        }
    }
}
