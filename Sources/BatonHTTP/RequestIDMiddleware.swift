import HTTPTypes
import Hummingbird
import Logging

/// Gives every request an id that is on each of its log lines (`baton.request.id`) and in the
/// response's `X-Request-Id`, so that a client's report and the server log can be matched.
///
/// A client's own `X-Request-Id` is kept when it is short and made of `[A-Za-z0-9._-]` (anything
/// else could forge log lines or bloat them); otherwise Hummingbird's per-request id is used.
struct RequestIDMiddleware<Context: RequestContext>: RouterMiddleware {
    static var headerName: HTTPField.Name { HTTPField.Name("X-Request-Id")! }
    static var maximumLength: Int { 64 }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let id = request.headers[Self.headerName].flatMap(Self.accepted) ?? context.id
        var context = context
        context.logger[metadataKey: "baton.request.id"] = .string(id)
        var response = try await next(request, context)
        response.headers[Self.headerName] = id
        return response
    }

    /// The client's id if it is safe to log and echo, else `nil`.
    static func accepted(_ candidate: String) -> String? {
        guard (1...maximumLength).contains(candidate.utf8.count),
            candidate.utf8.allSatisfy({ byte in
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                    || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                    || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            })
        else { return nil }
        return candidate
    }
}
