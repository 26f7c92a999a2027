import BatonCore
import HTTPTypes
import Hummingbird

/// Checks every query parameter (name and value), path segment and header value of a request
/// with ``InputText`` before any route sees it, so that a NUL byte, invalid UTF-8, a control or
/// bidirectional-text character or an overlong value never reaches a handler or the database:
/// 400 naming the parameter or header instead.
///
/// Query parameters and path segments are percent-decoded to bytes here, so invalid UTF-8 behind
/// `%` escapes is seen as such. Header values and the undecoded request target reach Baton as
/// text that SwiftNIO has already decoded, replacing invalid UTF-8 with U+FFFD and refusing NUL,
/// CR and LF itself (400 before Baton sees the request): a U+FFFD there is refused as invalid UTF-8.
struct InputTextMiddleware<Context: RequestContext>: RouterMiddleware {
    let routes: RouteTable
    /// Routes whose own group runs this check, inside a middleware that must answer its errors
    /// (`POST /v1/traces`: OTLP's google.rpc.Status for protobuf exporters).
    var exempt: [(HTTPRequest.Method, String)] = []

    /// Longest query parameter value or path segment, in characters.
    static var maxParameterLength: Int { 1_024 }
    /// Longest query parameter name, in characters.
    static var maxParameterNameLength: Int { 64 }
    /// Longest header value, in characters (SwiftNIO bounds the whole head as well).
    static var maxHeaderLength: Int { 8_192 }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        if !exempt.contains(where: { $0.0 == request.method && $0.1 == request.uri.path }) { try check(request) }
        return try await next(request, context)
    }

    func check(_ request: Request) throws(APIError) {
        do throws(InputText.Refusal) {
            for field in request.headers {
                let name = "header '\(field.name.canonicalName.prefix(64))'"
                if let offset = Self.replacementOffset(field.value) {
                    throw InputText.Refusal(field: name, reason: .invalidUTF8(offset: offset))
                }
                _ = try InputText.check(field.value, field: name, maxLength: Self.maxHeaderLength, shape: .text)
            }
            if let offset = Self.replacementOffset(request.uri.string) {
                throw InputText.Refusal(field: "the request target", reason: .invalidUTF8(offset: offset))
            }
            let segments = RouteTable.segments(request.uri.path)
            for (index, segment) in segments.enumerated() {
                let name =
                    routes.parameterName(at: index, of: segments).map { "path parameter '\($0)'" }
                    ?? "path segment \(index + 1)"
                _ = try InputText.check(percentEncoded: segment.utf8, field: name, maxLength: Self.maxParameterLength)
            }
            for part in (request.uri.query ?? "").utf8.split(separator: UInt8(ascii: "&")) {
                let equals = part.firstIndex(of: UInt8(ascii: "="))
                let name = try InputText.check(
                    percentEncoded: part[..<(equals ?? part.endIndex)], field: "a query parameter name",
                    maxLength: Self.maxParameterNameLength)
                guard let equals else { continue }
                _ = try InputText.check(
                    percentEncoded: part[part.index(after: equals)...], field: "query parameter '\(name)'",
                    maxLength: Self.maxParameterLength)
            }
        } catch {
            throw APIError(status: .badRequest, code: "invalid_text", message: error.description)
        }
    }

    /// Where SwiftNIO put U+FFFD for bytes that were not UTF-8 (its UTF-8 offset), if it did.
    static func replacementOffset(_ text: String) -> Int? {
        guard let index = text.unicodeScalars.firstIndex(of: "\u{FFFD}") else { return nil }
        return text.utf8.distance(from: text.utf8.startIndex, to: index)
    }
}
